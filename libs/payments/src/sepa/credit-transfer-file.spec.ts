import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import * as sepa from 'sepa';
import { DomainError, Money } from '@foerderfluss/core';
import {
  buildCreditTransferFile,
  CreditTransferInput,
  CreditTransferTransactionInput,
  PAIN_001_NAMESPACE,
} from './credit-transfer-file';
import { SEPA_INVALID, SepaBuilderInvariantError } from './sepa.errors';

// ───────────────────────────────────────────── fixtures ─────────────────────────────────────────────

const KREIS = { name: 'Landkreis Altenburger Land', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' };

const TX_ESW: CreditTransferTransactionInput = {
  endToEndId: 'FF-2026-0007-A3',
  creditorName: 'Evangelisches Sozialwerk e.V.',
  creditorIban: 'DE02120300000000202051',
  amount: '12500.00',
  remittanceInformation: 'FF-2026-0007 Abruf 3 Sozialberatung',
};
const TX_KSD: CreditTransferTransactionInput = {
  endToEndId: 'FF-2026-0012-A1',
  creditorName: 'Katholischer Sozialdienst St. Martin e.V.',
  creditorIban: 'DE75512108001245126199',
  creditorBic: 'SOGEDEFFXXX',
  amount: '0.10',
  remittanceInformation: 'FF-2026-0012 Abruf 1 Migrationsberatung',
};
const TX_AT: CreditTransferTransactionInput = {
  endToEndId: 'FF-2026-0015-A2',
  creditorName: 'Verein Beratung Wien',
  creditorIban: 'AT611904300234573201',
  amount: Money.of('0.20'),
  remittanceInformation: 'FF-2026-0015 Abruf 2',
};

function input(overrides: Partial<CreditTransferInput> = {}): CreditTransferInput {
  return {
    messageId: 'FF-SEPA-2026-11-0001',
    createdAt: '2026-11-20T09:15:00Z',
    requestedExecutionDate: '2026-11-23',
    batchBooking: true,
    debtor: KREIS,
    transactions: [TX_ESW, TX_KSD, TX_AT],
    ...overrides,
  };
}

function withTransactions(...transactions: CreditTransferTransactionInput[]): CreditTransferInput {
  return input({ transactions });
}

/** n transfers of the same amount with distinct end-to-end ids. */
function many(n: number, amount: string): CreditTransferTransactionInput[] {
  return Array.from({ length: n }, (_, i) => ({ ...TX_ESW, endToEndId: `FF-BULK-${i}`, amount }));
}

// ─────────────────────────────────────────── parsing back ───────────────────────────────────────────

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false, // keep "0.10" and IBANs as the text that was written
  isArray: (name) => name === 'CdtTrfTxInf' || name === 'PmtInf',
});

interface ParsedFile {
  document: Node;
  grpHdr: Node;
  pmtInfs: Node[];
  pmtInf: Node;
  txs: Node[];
}

function parse(xml: string): ParsedFile {
  expect(XMLValidator.validate(xml)).toBe(true);
  const root = parser.parse(xml) as Node;
  const document = root.Document as Node;
  const initiation = document.CstmrCdtTrfInitn as Node;
  const pmtInfs = initiation.PmtInf as Node[];
  return {
    document,
    grpHdr: initiation.GrpHdr as Node,
    pmtInfs,
    pmtInf: pmtInfs[0],
    txs: pmtInfs[0].CdtTrfTxInf as Node[],
  };
}

/** Follow a path of element names ("Amt.InstdAmt.#text"). */
function at(node: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((n, key) => (n as Node | undefined)?.[key], node);
}

function sepaError(build: () => unknown): DomainError {
  try {
    build();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    const error = e as DomainError;
    expect(error.code).toBe(SEPA_INVALID);
    expect(error.status).toBe(422);
    return error;
  }
  throw new Error('expected a SEPA_INVALID error');
}

function expectFieldError(data: CreditTransferInput, path: string, message: RegExp): void {
  const error = sepaError(() => buildCreditTransferFile(data));
  expect(error.errors).toEqual(expect.arrayContaining([{ path, message: expect.stringMatching(message) }]));
  // Only the broken field is reported.
  expect(error.errors.map((e) => e.path)).toEqual([path]);
}

// ─────────────────────────────────────────────── tests ───────────────────────────────────────────────

describe('buildCreditTransferFile: the document', () => {
  const file = buildCreditTransferFile(input());
  const { document, grpHdr, pmtInfs, pmtInf, txs } = parse(file.xml);

  it('is a UTF-8 pain.001.001.09 document without byte order mark', () => {
    expect(file.xml.startsWith('<?xml version="1.0" encoding="UTF-8"?><Document ')).toBe(true);
    expect(document['@xmlns']).toBe('urn:iso:std:iso:20022:tech:xsd:pain.001.001.09');
    expect(PAIN_001_NAMESPACE).toBe(document['@xmlns']);
    expect(document['@xsi:schemaLocation']).toBe('urn:iso:std:iso:20022:tech:xsd:pain.001.001.09 pain.001.001.09.xsd');
    expect(file.painVersion).toBe('pain.001.001.09');
  });

  it('has the group header: message id, creation time, count, control sum, initiating party', () => {
    expect(grpHdr).toEqual({
      MsgId: 'FF-SEPA-2026-11-0001',
      CreDtTm: '2026-11-20T09:15:00Z',
      NbOfTxs: '3',
      CtrlSum: '12500.30',
      InitgPty: { Nm: 'Landkreis Altenburger Land' },
    });
  });

  it('has one payment information block for the Kreis as debtor', () => {
    expect(pmtInfs).toHaveLength(1);
    expect(pmtInf.PmtInfId).toBe('FF-SEPA-2026-11-0001');
    expect(pmtInf.PmtMtd).toBe('TRF');
    expect(pmtInf.BtchBookg).toBe('true');
    expect(pmtInf.NbOfTxs).toBe('3');
    expect(pmtInf.CtrlSum).toBe('12500.30');
    expect(at(pmtInf, 'PmtTpInf.SvcLvl.Cd')).toBe('SEPA');
    expect(at(pmtInf, 'ReqdExctnDt.Dt')).toBe('2026-11-23');
    expect(at(pmtInf, 'Dbtr.Nm')).toBe('Landkreis Altenburger Land');
    expect(at(pmtInf, 'DbtrAcct.Id.IBAN')).toBe('DE89370400440532013000');
    expect(at(pmtInf, 'DbtrAgt.FinInstnId.BICFI')).toBe('COBADEFFXXX');
    expect(pmtInf.ChrgBr).toBe('SLEV');
  });

  it('has each transfer with its id, amount, creditor, account and remittance text', () => {
    expect(txs).toHaveLength(3);
    const expected = [
      ['FF-2026-0007-A3', '12500.00', 'Evangelisches Sozialwerk e.V.', 'DE02120300000000202051', undefined, 'FF-2026-0007 Abruf 3 Sozialberatung'],
      ['FF-2026-0012-A1', '0.10', 'Katholischer Sozialdienst St. Martin e.V.', 'DE75512108001245126199', 'SOGEDEFFXXX', 'FF-2026-0012 Abruf 1 Migrationsberatung'],
      ['FF-2026-0015-A2', '0.20', 'Verein Beratung Wien', 'AT611904300234573201', undefined, 'FF-2026-0015 Abruf 2'],
    ];
    txs.forEach((tx, i) => {
      const [endToEndId, amount, name, iban, bic, remittance] = expected[i];
      expect(at(tx, 'PmtId.EndToEndId')).toBe(endToEndId);
      expect(at(tx, 'PmtId.InstrId')).toBe(endToEndId);
      expect(at(tx, 'Amt.InstdAmt.#text')).toBe(amount);
      expect(at(tx, 'Amt.InstdAmt.@Ccy')).toBe('EUR');
      expect(at(tx, 'Cdtr.Nm')).toBe(name);
      expect(at(tx, 'CdtrAcct.Id.IBAN')).toBe(iban);
      expect(at(tx, 'CdtrAgt.FinInstnId.BICFI')).toBe(bic);
      expect(at(tx, 'RmtInf.Ustrd')).toBe(remittance);
    });
  });

  it('omits the creditor agent without a BIC (IBAN-only)', () => {
    expect(txs[0].CdtrAgt).toBeUndefined();
    expect(txs[2].CdtrAgt).toBeUndefined();
  });

  it('returns what it wrote', () => {
    expect(file).toMatchObject({
      messageId: 'FF-SEPA-2026-11-0001',
      paymentInformationId: 'FF-SEPA-2026-11-0001',
      createdAt: '2026-11-20T09:15:00Z',
      requestedExecutionDate: '2026-11-23',
      batchBooking: true,
      numberOfTransactions: 3,
      controlSum: '12500.30',
      debtor: { name: 'Landkreis Altenburger Land', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' },
      warnings: [],
    });
    expect(file.transactions).toEqual([
      { ...TX_ESW, creditorBic: null },
      { ...TX_KSD },
      { ...TX_AT, amount: '0.20', creditorBic: null },
    ]);
  });
});

describe('buildCreditTransferFile: variants', () => {
  it('writes DbtrAgt as Othr/Id NOTPROVIDED when the Kreis gives no BIC', () => {
    const { pmtInf } = parse(buildCreditTransferFile(input({ debtor: { name: KREIS.name, iban: KREIS.iban } })).xml);
    expect(at(pmtInf, 'DbtrAgt.FinInstnId')).toEqual({ Othr: { Id: 'NOTPROVIDED' } });
  });

  it('writes BtchBookg false for single bookings', () => {
    expect(parse(buildCreditTransferFile(input({ batchBooking: false })).xml).pmtInf.BtchBookg).toBe('false');
  });

  it('normalises IBAN and BIC written with spaces and in lower case', () => {
    const file = buildCreditTransferFile(
      input({
        debtor: { name: KREIS.name, iban: 'de89 3704 0044 0532 0130 00', bic: ' coba de ff xxx ' },
        transactions: [{ ...TX_KSD, creditorIban: 'DE75 5121 0800 1245 1261 99', creditorBic: 'sogedeff' }],
      }),
    );
    const { pmtInf, txs } = parse(file.xml);
    expect(at(pmtInf, 'DbtrAcct.Id.IBAN')).toBe('DE89370400440532013000');
    expect(at(pmtInf, 'DbtrAgt.FinInstnId.BICFI')).toBe('COBADEFFXXX');
    expect(at(txs[0], 'CdtrAcct.Id.IBAN')).toBe('DE75512108001245126199');
    expect(at(txs[0], 'CdtrAgt.FinInstnId.BICFI')).toBe('SOGEDEFF');
    expect(file.warnings).toEqual([]);
  });

  it('accepts a BIC of a territory that uses its mother country’s IBAN (Guadeloupe, FR IBAN)', () => {
    const tx = { ...TX_AT, creditorIban: 'FR1420041010050500013M02606', creditorBic: 'BDFEGPGP' };
    expect(at(parse(buildCreditTransferFile(withTransactions(tx)).xml).txs[0], 'CdtrAgt.FinInstnId.BICFI')).toBe('BDFEGPGP');
  });

  it('keeps ids within Max35Text: a 35-character message id is also the PmtInfId (the library would append ".0")', () => {
    const messageId = 'FF-SEPA-2026-11-0001-ABCDEFGHIJKLMN';
    expect(messageId).toHaveLength(35);
    const { grpHdr, pmtInf, txs } = parse(buildCreditTransferFile(input({ messageId })).xml);
    expect(grpHdr.MsgId).toBe(messageId);
    expect(pmtInf.PmtInfId).toBe(messageId);
    expect(txs.map((tx) => at(tx, 'PmtId.InstrId'))).toEqual(['FF-2026-0007-A3', 'FF-2026-0012-A1', 'FF-2026-0015-A2']);
  });

  it('escapes the apostrophe, the one XML-special character of the SEPA set', () => {
    const file = buildCreditTransferFile(withTransactions({ ...TX_ESW, creditorName: "O'Brien Beratung", endToEndId: "FF-7 O'B" }));
    expect(file.xml).toContain('<Nm>O&apos;Brien Beratung</Nm>');
    const { txs } = parse(file.xml);
    expect(at(txs[0], 'Cdtr.Nm')).toBe("O'Brien Beratung");
    expect(at(txs[0], 'PmtId.EndToEndId')).toBe("FF-7 O'B");
  });

  it('accepts the SEPA maximum of 999.999.999,99 EUR per transfer', () => {
    const { txs } = parse(buildCreditTransferFile(withTransactions({ ...TX_ESW, amount: '999999999.99' })).xml);
    expect(at(txs[0], 'Amt.InstdAmt.#text')).toBe('999999999.99');
  });

  it('writes amounts with two decimals whatever the input had', () => {
    const file = buildCreditTransferFile(
      withTransactions({ ...TX_ESW, amount: '7' }, { ...TX_KSD, amount: '12.5' }, { ...TX_AT, amount: '007.10' }),
    );
    expect(parse(file.xml).txs.map((tx) => at(tx, 'Amt.InstdAmt.#text'))).toEqual(['7.00', '12.50', '7.10']);
    expect(file.controlSum).toBe('26.60');
  });
});

describe('buildCreditTransferFile: control sum is exact', () => {
  function sums(file: { xml: string }) {
    const { grpHdr, pmtInf } = parse(file.xml);
    return [grpHdr.CtrlSum, pmtInf.CtrlSum];
  }

  it('0.10 + 0.20 is 0.30', () => {
    expect(0.1 + 0.2).not.toBe(0.3); // why decimals
    const file = buildCreditTransferFile(withTransactions({ ...TX_ESW, amount: '0.10' }, { ...TX_KSD, amount: '0.20' }));
    expect(sums(file)).toEqual(['0.30', '0.30']);
    expect(file.controlSum).toBe('0.30');
  });

  it('0.70 + 0.10 + 1.10 + 2.20 is 4.10', () => {
    expect(0.7 + 0.1).not.toBe(0.8);
    expect(1.1 + 2.2).not.toBe(3.3);
    const file = buildCreditTransferFile(
      withTransactions(
        { ...TX_ESW, amount: '0.70' },
        { ...TX_KSD, amount: '0.10' },
        { ...TX_AT, amount: '1.10' },
        { ...TX_AT, endToEndId: 'FF-2026-0015-A3', amount: '2.20' },
      ),
    );
    expect(sums(file)).toEqual(['4.10', '4.10']);
  });

  it('10.000 transfers of 0,01 EUR are 100,00 EUR', () => {
    let float = 0;
    for (let i = 0; i < 10_000; i++) float += 0.01;
    expect(float).not.toBe(100); // 100.00000000000125

    const file = buildCreditTransferFile(input({ transactions: many(10_000, '0.01') }));
    const { grpHdr, pmtInf, txs } = parse(file.xml);
    expect([grpHdr.NbOfTxs, pmtInf.NbOfTxs]).toEqual(['10000', '10000']);
    expect([grpHdr.CtrlSum, pmtInf.CtrlSum]).toEqual(['100.00', '100.00']);
    expect(txs).toHaveLength(10_000);
    expect(txs.every((tx) => at(tx, 'Amt.InstdAmt.#text') === '0.01')).toBe(true);
    expect(file).toMatchObject({ numberOfTransactions: 10_000, controlSum: '100.00' });
  });

  it('1.000 transfers of 999.999.999,99 EUR: where the library’s float sum is a cent off, the file is exact', () => {
    const floatSum = Array.from({ length: 1000 }, () => 999999999.99).reduce((a, b) => a + b, 0);
    expect(floatSum.toFixed(2)).toBe('999999999989.99'); // what `sepa` itself would write

    const file = buildCreditTransferFile(input({ transactions: many(1000, '999999999.99') }));
    expect(sums(file)).toEqual(['999999999990.00', '999999999990.00']);
    expect(file.controlSum).toBe('999999999990.00');
  });

  it('is the exact integer-cent sum for any amounts (property)', () => {
    const cents = fc.integer({ min: 1, max: 99_999_999_999 });
    fc.assert(
      fc.property(fc.array(cents, { minLength: 1, maxLength: 40 }), (list) => {
        const text = (c: bigint) => `${c / 100n}.${String(c % 100n).padStart(2, '0')}`;
        const amounts = list.map((c) => text(BigInt(c)));
        const file = buildCreditTransferFile(input({ transactions: amounts.map((amount, i) => ({ ...TX_ESW, endToEndId: `E-${i}`, amount })) }));
        const expected = text(list.reduce((sum, c) => sum + BigInt(c), 0n));
        const { grpHdr, pmtInf, txs } = parse(file.xml);
        expect([grpHdr.CtrlSum, pmtInf.CtrlSum]).toEqual([expected, expected]);
        expect(txs.map((tx) => at(tx, 'Amt.InstdAmt.#text'))).toEqual(amounts);
      }),
      { numRuns: 50 },
    );
  });
});

describe('buildCreditTransferFile: reproducible', () => {
  it('gives the same bytes for the same input', () => {
    expect(buildCreditTransferFile(input()).xml).toBe(buildCreditTransferFile(input()).xml);
  });

  it('gives the same bytes for a Date, an ISO string in UTC and one with an offset', () => {
    const a = buildCreditTransferFile(input({ createdAt: new Date('2026-11-20T09:15:00Z') })).xml;
    const b = buildCreditTransferFile(input({ createdAt: '2026-11-20T09:15:00Z' })).xml;
    const c = buildCreditTransferFile(input({ createdAt: '2026-11-20T10:15:00+01:00' })).xml;
    expect(b).toBe(a);
    expect(c).toBe(a);
  });

  it('writes the creation time in UTC to the second', () => {
    const file = buildCreditTransferFile(input({ createdAt: '2026-07-01T23:59:59.987+02:00' }));
    expect(parse(file.xml).grpHdr.CreDtTm).toBe('2026-07-01T21:59:59Z');
  });

  // jest gives each test file its own copy of process.env, so TZ cannot be switched here. The
  // library reads local time through these Date getters; shifting what they answer is what another
  // time zone of the process would do to it (and to nothing else in the builder).
  const LOCAL_GETTERS = ['getFullYear', 'getMonth', 'getDate', 'getHours', 'getMinutes', 'getSeconds'] as const;

  function withLocalClockShiftedBy<T>(hours: number, run: () => T): T {
    const spies = LOCAL_GETTERS.map((name) => {
      const real = Date.prototype[name];
      return jest.spyOn(Date.prototype, name).mockImplementation(function (this: Date) {
        return real.call(new Date(this.getTime() + hours * 3_600_000));
      });
    });
    try {
      return run();
    } finally {
      spies.forEach((spy) => spy.mockRestore());
    }
  }

  it('does not depend on the local time of the process', () => {
    // Creation close to midnight UTC, execution on the night of the DST change.
    const data = input({ createdAt: '2026-03-28T23:30:00Z', requestedExecutionDate: '2026-03-29' });
    const reference = buildCreditTransferFile(data).xml;
    for (const hours of [-11, -5, 1, 5.5, 11]) {
      expect(withLocalClockShiftedBy(hours, () => buildCreditTransferFile(data).xml)).toBe(reference);
    }
    const { grpHdr, pmtInf } = parse(reference);
    expect(grpHdr.CreDtTm).toBe('2026-03-28T23:30:00Z');
    expect(at(pmtInf, 'ReqdExctnDt.Dt')).toBe('2026-03-29');
  });

  it('(the library alone would write a different CreDtTm with another local time)', () => {
    const raw = () => {
      const doc = new sepa.Document('pain.001.001.09');
      doc.grpHdr.id = 'X';
      doc.grpHdr.created = new Date('2026-03-28T23:30:00Z');
      return doc.grpHdr.toString();
    };
    expect(withLocalClockShiftedBy(5, raw)).not.toBe(withLocalClockShiftedBy(-5, raw));
  });
});

describe('buildCreditTransferFile: SEPA character set', () => {
  it('transliterates umlauts and ß in names and remittance text, and says so', () => {
    const file = buildCreditTransferFile(
      input({
        debtor: { ...KREIS, name: 'Landratsamt Altenburger Land – Kämmerei' },
        transactions: [
          {
            ...TX_ESW,
            creditorName: 'Evangelisches Sozialwerk Pleißenland e.V.',
            remittanceInformation: 'FF-2026-0007 Abruf 3 – Zuwendung nach § 44 ThürLHO',
          },
          { ...TX_KSD, creditorName: 'MÜLLER & SÖHNE Beratung gGmbH' },
        ],
      }),
    );
    const { grpHdr, pmtInf, txs } = parse(file.xml);
    expect(at(grpHdr, 'InitgPty.Nm')).toBe('Landratsamt Altenburger Land - Kaemmerei');
    expect(at(pmtInf, 'Dbtr.Nm')).toBe('Landratsamt Altenburger Land - Kaemmerei');
    expect(at(txs[0], 'Cdtr.Nm')).toBe('Evangelisches Sozialwerk Pleissenland e.V.');
    expect(at(txs[0], 'RmtInf.Ustrd')).toBe('FF-2026-0007 Abruf 3 - Zuwendung nach Par. 44 ThuerLHO');
    expect(at(txs[1], 'Cdtr.Nm')).toBe('MUELLER + SOEHNE Beratung gGmbH');
    expect(file.xml).not.toMatch(/[^\x20-\x7E]/); // nothing outside printable ASCII is left

    expect(file.warnings).toEqual([
      {
        path: 'debtor.name',
        code: 'TRANSLITERATED',
        message: 'Der Name des Auftraggebers: Zeichen außerhalb des SEPA-Zeichensatzes wurden ersetzt: "–" → "-", "ä" → "ae".',
        original: 'Landratsamt Altenburger Land – Kämmerei',
        value: 'Landratsamt Altenburger Land - Kaemmerei',
      },
      {
        path: 'transactions[0].creditorName',
        code: 'TRANSLITERATED',
        message: 'Der Name des Empfängers: Zeichen außerhalb des SEPA-Zeichensatzes wurden ersetzt: "ß" → "ss".',
        original: 'Evangelisches Sozialwerk Pleißenland e.V.',
        value: 'Evangelisches Sozialwerk Pleissenland e.V.',
      },
      {
        path: 'transactions[0].remittanceInformation',
        code: 'TRANSLITERATED',
        message:
          'Der Verwendungszweck: Zeichen außerhalb des SEPA-Zeichensatzes wurden ersetzt: "–" → "-", "§" → "Par.", "ü" → "ue".',
        original: 'FF-2026-0007 Abruf 3 – Zuwendung nach § 44 ThürLHO',
        value: 'FF-2026-0007 Abruf 3 - Zuwendung nach Par. 44 ThuerLHO',
      },
      {
        path: 'transactions[1].creditorName',
        code: 'TRANSLITERATED',
        message: 'Der Name des Empfängers: Zeichen außerhalb des SEPA-Zeichensatzes wurden ersetzt: "Ü" → "UE", "&" → "+", "Ö" → "OE".',
        original: 'MÜLLER & SÖHNE Beratung gGmbH',
        value: 'MUELLER + SOEHNE Beratung gGmbH',
      },
    ]);
  });

  it('shortens names to 70 and remittance text to 140 characters, and says so', () => {
    const longName = `Arbeitsgemeinschaft der freien Wohlfahrtspflege im Altenburger Land e.V. ${'x'.repeat(10)}`;
    const longText = `FF-2026-0007 Abruf 3 ${'Sozialberatung '.repeat(10)}`;
    const file = buildCreditTransferFile(withTransactions({ ...TX_ESW, creditorName: longName, remittanceInformation: longText }));
    const { txs } = parse(file.xml);
    const name = at(txs[0], 'Cdtr.Nm') as string;
    const text = at(txs[0], 'RmtInf.Ustrd') as string;
    expect(name).toBe(longName.slice(0, 70).trimEnd());
    expect(text).toBe(longText.slice(0, 140).trimEnd());
    expect(file.warnings).toEqual([
      {
        path: 'transactions[0].creditorName',
        code: 'TRUNCATED',
        message: 'Der Name des Empfängers war länger als 70 Zeichen und wurde gekürzt.',
        original: longName,
        value: name,
      },
      {
        path: 'transactions[0].remittanceInformation',
        code: 'TRUNCATED',
        message: 'Der Verwendungszweck war länger als 140 Zeichen und wurde gekürzt.',
        original: longText,
        value: text,
      },
    ]);
  });

  it('reports both when transliteration makes a text too long', () => {
    const text = `${'a'.repeat(139)}ü`; // 140 characters, 141 after ü → ue
    const file = buildCreditTransferFile(withTransactions({ ...TX_ESW, remittanceInformation: text }));
    expect(at(parse(file.xml).txs[0], 'RmtInf.Ustrd')).toBe(`${'a'.repeat(139)}u`);
    expect(file.warnings.map((w) => [w.path, w.code])).toEqual([
      ['transactions[0].remittanceInformation', 'TRANSLITERATED'],
      ['transactions[0].remittanceInformation', 'TRUNCATED'],
    ]);
  });

  it('reports nothing for whitespace tidying', () => {
    const file = buildCreditTransferFile(withTransactions({ ...TX_ESW, remittanceInformation: '  FF-2026-0007\nAbruf  3 ' }));
    expect(at(parse(file.xml).txs[0], 'RmtInf.Ustrd')).toBe('FF-2026-0007 Abruf 3');
    expect(file.warnings).toEqual([]);
  });
});

describe('buildCreditTransferFile: validation', () => {
  describe('messageId', () => {
    it.each([
      ['', /Nachrichten-ID darf nicht leer sein/],
      ['F'.repeat(36), /höchstens 35 Zeichen/],
      ['FF-SEPA-2026-Ü1', /nur Buchstaben/],
      ['FF_SEPA_1', /nur Buchstaben/],
      [' FF-1', /Leerzeichen beginnen oder enden/],
      ['/FF-1', /"\/" beginnen oder enden/],
      ['FF//1', /kein "\/\/"/],
      [undefined, /Nachrichten-ID darf nicht leer sein/],
    ])('refuses %p', (messageId, message) => {
      expectFieldError(input({ messageId: messageId as string }), 'messageId', message);
    });
  });

  describe('createdAt', () => {
    it.each(['2026-11-20T09:15:00', '2026-11-20 09:15:00Z', '20.11.2026', '2026-13-20T09:15:00Z', '', new Date('nonsense')])(
      'refuses %p',
      (createdAt) => {
        expectFieldError(input({ createdAt }), 'createdAt', /Zeitpunkt mit Zeitzone/);
      },
    );
  });

  describe('requestedExecutionDate', () => {
    it.each([
      ['2026-02-30', /gültiges Datum im Format JJJJ-MM-TT/],
      ['23.11.2026', /gültiges Datum im Format JJJJ-MM-TT/],
      ['2026-11-19', /Das Ausführungsdatum 19\.11\.2026 liegt vor dem Erstellungstag der Datei \(20\.11\.2026\)/],
    ])('refuses %p', (requestedExecutionDate, message) => {
      expectFieldError(input({ requestedExecutionDate }), 'requestedExecutionDate', message);
    });

    it('accepts the creation day itself', () => {
      expect(buildCreditTransferFile(input({ requestedExecutionDate: '2026-11-20' })).requestedExecutionDate).toBe('2026-11-20');
    });

    it('judges the creation day in Europe/Berlin: 23:30 UTC on 19.11. is already 20.11. there', () => {
      const late = { createdAt: '2026-11-19T23:30:00Z' };
      expectFieldError(input({ ...late, requestedExecutionDate: '2026-11-19' }), 'requestedExecutionDate', /vor dem Erstellungstag der Datei \(20\.11\.2026\)/);
      expect(() => buildCreditTransferFile(input({ ...late, requestedExecutionDate: '2026-11-20' }))).not.toThrow();
      // …unless another business time zone is given
      expect(() => buildCreditTransferFile(input({ ...late, requestedExecutionDate: '2026-11-19', timeZone: 'UTC' }))).not.toThrow();
    });
  });

  it('refuses a missing batch booking flag', () => {
    expectFieldError(input({ batchBooking: undefined as unknown as boolean }), 'batchBooking', /Sammelbuchung/);
  });

  describe('debtor', () => {
    it.each([
      [{ ...KREIS, name: '' }, 'debtor.name', /Name des Auftraggebers darf nicht leer sein/],
      [{ ...KREIS, name: '   ' }, 'debtor.name', /Name des Auftraggebers darf nicht leer sein/],
      [{ ...KREIS, iban: 'DE89370400440532013001' }, 'debtor.iban', /IBAN ist ungültig/],
      [{ ...KREIS, iban: '' }, 'debtor.iban', /IBAN darf nicht leer sein/],
      [{ ...KREIS, bic: 'COBADEFF1' }, 'debtor.bic', /BIC ist ungültig/],
      [{ ...KREIS, bic: 'BKAUATWW' }, 'debtor.bic', /BIC \(Land AT\) passt nicht zum Land der IBAN \(DE\)/],
    ])('refuses %p', (debtor, path, message) => {
      expectFieldError(input({ debtor }), path, message);
    });
  });

  it('refuses an empty list of transfers', () => {
    expectFieldError(input({ transactions: [] }), 'transactions', /mindestens eine Überweisung/);
  });

  describe('transactions[2]', () => {
    const third = (tx: Partial<CreditTransferTransactionInput>) => withTransactions(TX_ESW, TX_KSD, { ...TX_AT, ...tx });

    it.each([
      // IBAN
      [{ creditorIban: 'DE89370400440532013001' }, 'creditorIban', /IBAN ist ungültig \(Länge, Aufbau oder Prüfziffer/],
      [{ creditorIban: 'DE8937040044053201300' }, 'creditorIban', /IBAN ist ungültig/],
      [{ creditorIban: 'TR330006100519786457841326' }, 'creditorIban', /außerhalb des SEPA-Raums \(TR\)/],
      [{ creditorIban: 'CH9300762011623852957' }, 'creditorIban', /SEPA-Ländern außerhalb des EWR \(CH\).*Anschrift des Auftraggebers/],
      [{ creditorIban: 'GB29NWBK60161331926819' }, 'creditorIban', /außerhalb des EWR \(GB\)/],
      [{ creditorIban: '' }, 'creditorIban', /IBAN darf nicht leer sein/],
      // BIC
      [{ creditorBic: 'BKAUATWWX' }, 'creditorBic', /BIC ist ungültig: 8 oder 11 Zeichen/],
      [{ creditorBic: 'B1AUATWW' }, 'creditorBic', /BIC ist ungültig/],
      [{ creditorBic: 'NOTPROVIDED' }, 'creditorBic', /Feld leer \(Zahlung nur mit IBAN\)/],
      [{ creditorBic: 'COBADEFFXXX' }, 'creditorBic', /BIC \(Land DE\) passt nicht zum Land der IBAN \(AT\)/],
      // amount
      [{ amount: '0' }, 'amount', /größer als 0,00 EUR/],
      [{ amount: '0.00' }, 'amount', /größer als 0,00 EUR/],
      [{ amount: '-5.00' }, 'amount', /nicht negativ/],
      [{ amount: '1.005' }, 'amount', /höchstens zwei Nachkommastellen/],
      [{ amount: '1,50' }, 'amount', /Dezimalzahl in Textform/],
      [{ amount: '1e3' }, 'amount', /Dezimalzahl in Textform/],
      [{ amount: 12.5 as unknown as string }, 'amount', /Dezimalzahl in Textform/],
      [{ amount: '1000000000.00' }, 'amount', /höchstens 999\.999\.999,99 EUR/],
      [{ amount: Money.of('1.001') }, 'amount', /höchstens zwei Nachkommastellen/],
      [{ amount: Money.of('0') }, 'amount', /größer als 0,00 EUR/],
      // ids and texts
      [{ endToEndId: 'FF-2026-0015 Abruf #2' }, 'endToEndId', /Ende-zu-Ende-Referenz darf nur Buchstaben/],
      [{ endToEndId: 'E'.repeat(36) }, 'endToEndId', /höchstens 35 Zeichen/],
      [{ endToEndId: '' }, 'endToEndId', /Ende-zu-Ende-Referenz darf nicht leer sein/],
      [{ endToEndId: 'FF-2026-0007-A3' }, 'endToEndId', /"FF-2026-0007-A3" kommt bereits in transactions\[0\] vor/],
      [{ creditorName: '' }, 'creditorName', /Name des Empfängers darf nicht leer sein/],
      [{ creditorName: '😀 ☎' }, 'creditorName', /Name des Empfängers enthält kein Zeichen, das im SEPA-Zeichensatz darstellbar ist/],
      [{ remittanceInformation: '' }, 'remittanceInformation', /Verwendungszweck darf nicht leer sein/],
      [{ remittanceInformation: undefined as unknown as string }, 'remittanceInformation', /Verwendungszweck darf nicht leer sein/],
    ])('refuses %p', (tx, field, message) => {
      expectFieldError(third(tx), `transactions[2].${field}`, message);
    });
  });

  it('reports every problem at once, with German detail, and builds nothing', () => {
    const error = sepaError(() =>
      buildCreditTransferFile(
        input({
          messageId: 'FF_1',
          transactions: [TX_ESW, { ...TX_KSD, amount: '0' }, { ...TX_AT, creditorIban: 'XX00', endToEndId: TX_ESW.endToEndId }],
        }),
      ),
    );
    expect(error.detail).toBe('Die SEPA-Überweisungsdatei kann nicht erstellt werden: 4 Angaben sind ungültig.');
    expect(error.errors.map((e) => e.path)).toEqual([
      'messageId',
      'transactions[1].amount',
      'transactions[2].endToEndId',
      'transactions[2].creditorIban',
    ]);
  });

  it('says "eine Angabe" for a single problem', () => {
    expect(sepaError(() => buildCreditTransferFile(input({ messageId: '' }))).detail).toBe(
      'Die SEPA-Überweisungsdatei kann nicht erstellt werden: eine Angabe ist ungültig.',
    );
  });
});

describe('buildCreditTransferFile: guards against the library', () => {
  afterEach(() => jest.restoreAllMocks());

  function tamper(change: (xml: string) => string): void {
    const original = sepa.Document.prototype.toString;
    jest.spyOn(sepa.Document.prototype, 'toString').mockImplementation(function (this: sepa.Document) {
      return change(original.call(this));
    });
  }

  it('refuses a file whose amounts differ from the input', () => {
    tamper((xml) => xml.replace('>0.10</InstdAmt>', '>0.11</InstdAmt>'));
    expect(() => buildCreditTransferFile(input())).toThrow(SepaBuilderInvariantError);
    expect(() => buildCreditTransferFile(input())).toThrow(/InstdAmt weicht ab/);
  });

  it('refuses a file whose control sums are not where they are expected', () => {
    tamper((xml) => xml.replace(/<CtrlSum>[^<]*<\/CtrlSum>/, ''));
    expect(() => buildCreditTransferFile(input())).toThrow(/<CtrlSum> 1-mal statt 2-mal/);
  });

  it('refuses a file with another transaction count or order', () => {
    tamper((xml) => xml.replace('<EndToEndId>FF-2026-0012-A1<', '<EndToEndId>FF-2026-0012-A9<'));
    expect(() => buildCreditTransferFile(input())).toThrow(/EndToEndId weicht ab/);
  });

  it('refuses a file in another namespace', () => {
    tamper((xml) => xml.replace(/pain\.001\.001\.09/g, 'pain.001.001.03'));
    expect(() => buildCreditTransferFile(input())).toThrow(/Namensraum/);
  });
});
