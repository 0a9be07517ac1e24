/**
 * SEPA credit transfer file (ISO 20022 pain.001) for the Kreis's payouts: pure, no Nest, no I/O.
 *
 * ── Which version ────────────────────────────────────────────────────────────────────────────
 * pain.001.001.09, namespace urn:iso:std:iso:20022:tech:xsd:pain.001.001.09. The Deutsche
 * Kreditwirtschaft's DFÜ-Abkommen Anlage 3 made the 2019 ISO messages (pain.001.001.09 for
 * credit transfers) the standard for customer files. The banks check them against the DK's "GBIC"
 * XSD subsets of the ISO schema, which keep the ISO namespace. pain.001.001.03 is accepted only
 * during a transition period that the banks are ending (the German pain.001.003.03 went long
 * before). So .09 is the version every German bank accepts today, and the only one we write. The
 * execution date is `<ReqdExctnDt><Dt>`, BICs are `<BICFI>`.
 *
 * ── Library or template ──────────────────────────────────────────────────────────────────────
 * The `sepa` package (3.0.0) supports pain.001.001.09 and writes its structure correctly for what
 * we need: group header, one payment information block with BtchBookg/NbOfTxs/CtrlSum,
 * SvcLvl SEPA, ReqdExctnDt/Dt, DbtrAgt as BICFI or `Othr/Id NOTPROVIDED` (IBAN-only), no CdtrAgt
 * without a BIC, ChrgBr SLEV, Amt/InstdAmt Ccy="EUR", RmtInf/Ustrd, XML escaping of all text and
 * the XML declaration. We use it for that. Where it falls short, we fix the result in one place
 * (`serialise`) instead of hand-writing the whole document. Should the library ever go, only
 * `serialise` changes; validation, the output checks and the tests stay. The gaps:
 *  1. Control sums are JS float sums (`+=`, then `toFixed(2)`). 1.000 × 999.999.999,99 comes out
 *     as …989,99 instead of …990,00. We compute both CtrlSum with `Money` and replace the two
 *     values in its output.
 *  2. CreDtTm is printed in the local time zone of the process, without offset, so the same input
 *     gives different files on different machines. We replace it with the given instant in UTC
 *     ("2026-11-20T09:15:00Z"), so the output depends on the input only.
 *  3. It derives PmtInfId as "<MsgId>.0" and InstrId as "<PmtInfId>.<n>", which exceeds Max35Text
 *     for a long message id. We set PmtInfId = MsgId and InstrId = EndToEndId (unique, checked).
 *  4. It takes amounts as JS numbers. An amount ≤ 999.999.999,99 with two decimals survives the
 *     trip through a double exactly; we check that round trip for every amount before handing it
 *     over and compare every InstdAmt in the output afterwards.
 *  5. Its own checks are shallow (an unanchored charset regex on ids only, no charset check of
 *     names and remittance, English messages without field paths). We validate everything first
 *     (German messages, paths such as `transactions[2].creditorIban`), so its checks never fire.
 * After serialising, the output is checked against what was validated (message id, counts, both
 * control sums, every amount and end-to-end id, the execution date), and the file is refused with
 * a `SepaBuilderInvariantError` if anything differs: a library upgrade that changes its output
 * cannot silently produce a wrong payment file.
 *
 * Not taken from the library: the purpose code (it writes Purp after RmtInf, against the schema's
 * order) and postal addresses (only unstructured AdrLine, which the EPC replaces by structured or
 * hybrid addresses). Without an address we must refuse accounts in SEPA countries outside the EEA
 * (CH, GB, MC, SM, AD, VA, GI): for those the payer's address is mandatory.
 *
 * Names and remittance text are transliterated to the SEPA Latin set; the rules and why are in
 * `sepa-charset.ts`. Every change comes back as a warning.
 *
 * The package ships no XSD, so the tests check the structure by parsing the XML back, not
 * against the DK's GBIC schema; validate one file in the bank's test channel before going live.
 */
import { CalendarDate, FieldError, Money, parseMoneyStrict } from '@foerderfluss/core';
import { electronicFormatIBAN, isSEPACountry, isValidBIC, isValidIBAN } from 'ibantools';
import { Document } from 'sepa';
import { sepaIdentifierProblem, toSepaText } from './sepa-charset';
import { sepaInvalid, SepaBuilderInvariantError } from './sepa.errors';

export const PAIN_001_VERSION = 'pain.001.001.09';
export const PAIN_001_NAMESPACE = `urn:iso:std:iso:20022:tech:xsd:${PAIN_001_VERSION}`;

/** EPC: a single SCT transaction is at most 999.999.999,99 EUR. */
export const SEPA_MAX_AMOUNT = '999999999.99';
/** Max35Text: MsgId, PmtInfId, InstrId, EndToEndId. */
export const SEPA_MAX_ID_LENGTH = 35;
/** EPC: names (Dbtr/Nm, Cdtr/Nm, InitgPty/Nm) at most 70 characters. */
export const SEPA_MAX_NAME_LENGTH = 70;
/** EPC: one unstructured remittance line, at most 140 characters. */
export const SEPA_MAX_REMITTANCE_LENGTH = 140;

/** The business calendar in which "the execution date is not before the creation day" is judged. */
const DEFAULT_TIME_ZONE = 'Europe/Berlin';

// ────────────────────────────────────────────── API ──────────────────────────────────────────────

export interface SepaAccountHolderInput {
  name: string;
  iban: string;
  /** Optional (IBAN-only). Spaces and lower case are normalised. */
  bic?: string | null;
}

export interface CreditTransferTransactionInput {
  /** ≤ 35 characters of the SEPA Latin set, unique in the file; reported back by the banks. */
  endToEndId: string;
  creditorName: string;
  creditorIban: string;
  creditorBic?: string | null;
  /** Decimal string ("1234.56") or Money; > 0, ≤ 999999999.99, at most two decimals. */
  amount: string | Money;
  /** Unstructured remittance information, e.g. "FF-2026-0007 Abruf 3 Sozialberatung". */
  remittanceInformation: string;
}

export interface CreditTransferInput {
  /** The caller's id for this file (≤ 35, SEPA Latin set); banks refuse a repeated one. */
  messageId: string;
  /** When the file was created: a Date or an ISO 8601 instant with offset ("…Z", "…+01:00"). */
  createdAt: Date | string;
  /** YYYY-MM-DD, not before the creation day in `timeZone`. */
  requestedExecutionDate: string;
  /** true: one debit of the total on the Kreis's statement; false: one debit per transfer. */
  batchBooking: boolean;
  /** The Kreis's account (from configuration). */
  debtor: SepaAccountHolderInput;
  transactions: readonly CreditTransferTransactionInput[];
  /** Default Europe/Berlin. */
  timeZone?: string;
}

/** A text was changed to fit the SEPA rules. The file is valid; show the change to the user. */
export interface SepaWarning {
  path: string;
  code: 'TRANSLITERATED' | 'TRUNCATED';
  message: string;
  original: string;
  value: string;
}

/** One transfer as written into the file (after normalisation and transliteration). */
export interface CreditTransferLine {
  endToEndId: string;
  creditorName: string;
  creditorIban: string;
  creditorBic: string | null;
  amount: string;
  remittanceInformation: string;
}

export interface CreditTransferFile {
  /** UTF-8 text without BOM, XML declaration first. */
  xml: string;
  painVersion: typeof PAIN_001_VERSION;
  messageId: string;
  paymentInformationId: string;
  /** CreDtTm as written (UTC). */
  createdAt: string;
  requestedExecutionDate: string;
  batchBooking: boolean;
  numberOfTransactions: number;
  /** Exact sum of all amounts, two decimals ("1234.56"). */
  controlSum: string;
  debtor: { name: string; iban: string; bic: string | null };
  transactions: CreditTransferLine[];
  warnings: SepaWarning[];
}

/**
 * Validate the input and build the pain.001.001.09 file. Throws `DomainError` SEPA_INVALID (422)
 * listing every unusable field; transliterated or shortened texts come back as `warnings`.
 * Deterministic: the same input gives the same bytes, whatever the clock or time zone.
 */
export function buildCreditTransferFile(input: CreditTransferInput): CreditTransferFile {
  const file = validate(input);
  return { ...file, xml: serialise(file) };
}

// ─────────────────────────────────────────── validation ───────────────────────────────────────────

type ValidatedFile = Omit<CreditTransferFile, 'xml'>;

/** EU member states plus Iceland, Liechtenstein and Norway. */
const EEA_COUNTRIES = new Set([
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT',
  'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK', 'IS', 'LI', 'NO',
]);

/** Territories that use the IBAN of another country but have BICs of their own (as `sepa` checks). */
const BIC_TERRITORIES: Record<string, readonly string[]> = {
  FI: ['AX'],
  FR: ['GF', 'GP', 'MQ', 'RE', 'PF', 'TF', 'YT', 'NC', 'BL', 'MF', 'PM', 'WF'],
  GB: ['IM', 'JE', 'GG'],
};

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/;

class Collector {
  readonly errors: FieldError[] = [];
  readonly warnings: SepaWarning[] = [];

  error(path: string, message: string): null {
    this.errors.push({ path, message });
    return null;
  }

  /** A free-text field in the SEPA Latin set, or null (error recorded). */
  text(raw: unknown, path: string, label: string, maxLength: number): string | null {
    if (typeof raw !== 'string' || raw.trim() === '') return this.error(path, `${label} darf nicht leer sein.`);
    const result = toSepaText(raw, maxLength);
    if (result.value === '') {
      return this.error(path, `${label} enthält kein Zeichen, das im SEPA-Zeichensatz darstellbar ist.`);
    }
    if (result.replacements.length > 0) {
      const list = result.replacements
        .map(({ from, to }) => `"${from}" → ${to === '' ? 'entfernt' : to === ' ' ? 'Leerzeichen' : `"${to}"`}`)
        .join(', ');
      this.warnings.push({
        path,
        code: 'TRANSLITERATED',
        message: `${label}: Zeichen außerhalb des SEPA-Zeichensatzes wurden ersetzt: ${list}.`,
        original: raw,
        value: result.value,
      });
    }
    if (result.truncated) {
      this.warnings.push({
        path,
        code: 'TRUNCATED',
        message: `${label} war länger als ${maxLength} Zeichen und wurde gekürzt.`,
        original: raw,
        value: result.value,
      });
    }
    return result.value;
  }

  identifier(raw: unknown, path: string, label: string): string | null {
    if (typeof raw !== 'string') return this.error(path, `${label} darf nicht leer sein.`);
    const problem = sepaIdentifierProblem(raw, SEPA_MAX_ID_LENGTH, label);
    return problem === null ? raw : this.error(path, problem);
  }

  iban(raw: unknown, path: string): string | null {
    const iban = typeof raw === 'string' ? (electronicFormatIBAN(raw) ?? '') : '';
    if (iban === '') return this.error(path, 'Die IBAN darf nicht leer sein.');
    if (!isValidIBAN(iban)) return this.error(path, 'Die IBAN ist ungültig (Länge, Aufbau oder Prüfziffer stimmen nicht).');
    const country = iban.slice(0, 2);
    if (!isSEPACountry(country)) {
      return this.error(path, `Die IBAN gehört zu einem Land außerhalb des SEPA-Raums (${country}).`);
    }
    if (!EEA_COUNTRIES.has(country)) {
      return this.error(
        path,
        `Konten in SEPA-Ländern außerhalb des EWR (${country}) werden nicht unterstützt: ` +
          'dafür ist die Anschrift des Auftraggebers vorgeschrieben, die diese Datei nicht enthält.',
      );
    }
    return iban;
  }

  /** The normalised BIC; null when none is given (IBAN-only); undefined when unusable (error recorded). */
  bic(raw: unknown, path: string, iban: string | null): string | null | undefined {
    if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return null;
    const fail = (message: string): undefined => {
      this.error(path, message);
      return undefined;
    };
    if (typeof raw !== 'string') return fail('Der BIC muss als Text angegeben werden.');
    const bic = raw.replace(/\s+/g, '').toUpperCase();
    if (bic === 'NOTPROVIDED') return fail('Ist kein BIC bekannt, bleibt das Feld leer (Zahlung nur mit IBAN).');
    if (!isValidBIC(bic)) return fail('Der BIC ist ungültig: 8 oder 11 Zeichen, z. B. "COBADEFFXXX".');
    if (iban !== null) {
      // The library refuses this too (with an English error); the territories are its list.
      const ibanCountry = iban.slice(0, 2);
      const bicCountry = bic.slice(4, 6);
      if (bicCountry !== ibanCountry && !(BIC_TERRITORIES[ibanCountry] ?? []).includes(bicCountry)) {
        return fail(`Der BIC (Land ${bicCountry}) passt nicht zum Land der IBAN (${ibanCountry}).`);
      }
    }
    return bic;
  }

  amount(raw: unknown, path: string): Money | null {
    let amount: Money;
    if (raw instanceof Money) {
      if (!raw.isWholeCents()) return this.error(path, 'Der Betrag darf höchstens zwei Nachkommastellen haben.');
      amount = raw;
    } else {
      const parsed = parseMoneyStrict(raw);
      if (!parsed.ok) return this.error(path, parsed.message);
      amount = parsed.value;
    }
    if (!amount.isPositive()) return this.error(path, 'Der Betrag muss größer als 0,00 EUR sein.');
    if (amount.greaterThan(Money.of(SEPA_MAX_AMOUNT))) {
      return this.error(path, 'Eine SEPA-Überweisung darf höchstens 999.999.999,99 EUR betragen.');
    }
    return amount;
  }
}

function parseInstant(raw: unknown): Date | null {
  let date: Date;
  if (raw instanceof Date) date = raw;
  else if (typeof raw === 'string' && ISO_INSTANT.test(raw)) date = new Date(raw);
  else return null;
  const ms = date.getTime();
  if (Number.isNaN(ms)) return null;
  const year = date.getUTCFullYear();
  return year >= 1 && year <= 9999 ? date : null;
}

function validate(input: CreditTransferInput): ValidatedFile {
  const c = new Collector();

  const messageId = c.identifier(input.messageId, 'messageId', 'Die Nachrichten-ID');

  const created = parseInstant(input.createdAt);
  if (created === null) {
    c.error('createdAt', 'Der Erstellungszeitpunkt muss ein Zeitpunkt mit Zeitzone sein, z. B. "2026-11-20T09:15:00Z".');
  }

  const executionDate = CalendarDate.tryParse(input.requestedExecutionDate);
  if (executionDate === null) {
    c.error('requestedExecutionDate', 'Das Ausführungsdatum muss ein gültiges Datum im Format JJJJ-MM-TT sein, z. B. "2026-11-23".');
  } else if (created !== null) {
    const creationDay = CalendarDate.todayIn(input.timeZone ?? DEFAULT_TIME_ZONE, created);
    if (executionDate.compareTo(creationDay) < 0) {
      c.error(
        'requestedExecutionDate',
        `Das Ausführungsdatum ${executionDate.toGermanString()} liegt vor dem Erstellungstag der Datei (${creationDay.toGermanString()}).`,
      );
    }
  }

  if (typeof input.batchBooking !== 'boolean') c.error('batchBooking', 'Die Angabe zur Sammelbuchung (ja/nein) fehlt.');

  const debtorInput: Partial<SepaAccountHolderInput> = input.debtor ?? {};
  const debtorName = c.text(debtorInput.name, 'debtor.name', 'Der Name des Auftraggebers', SEPA_MAX_NAME_LENGTH);
  const debtorIban = c.iban(debtorInput.iban, 'debtor.iban');
  const debtorBic = c.bic(debtorInput.bic, 'debtor.bic', debtorIban);

  const transactions: CreditTransferLine[] = [];
  const firstIndexOf = new Map<string, number>();
  const txInputs = Array.isArray(input.transactions) ? input.transactions : [];
  if (txInputs.length === 0) c.error('transactions', 'Die Datei muss mindestens eine Überweisung enthalten.');

  txInputs.forEach((tx: Partial<CreditTransferTransactionInput>, i) => {
    const at = (field: string) => `transactions[${i}].${field}`;
    const endToEndId = c.identifier(tx.endToEndId, at('endToEndId'), 'Die Ende-zu-Ende-Referenz');
    if (endToEndId !== null) {
      const first = firstIndexOf.get(endToEndId);
      if (first === undefined) firstIndexOf.set(endToEndId, i);
      else c.error(at('endToEndId'), `Die Ende-zu-Ende-Referenz "${endToEndId}" kommt bereits in transactions[${first}] vor.`);
    }
    const creditorName = c.text(tx.creditorName, at('creditorName'), 'Der Name des Empfängers', SEPA_MAX_NAME_LENGTH);
    const creditorIban = c.iban(tx.creditorIban, at('creditorIban'));
    const creditorBic = c.bic(tx.creditorBic, at('creditorBic'), creditorIban);
    const amount = c.amount(tx.amount, at('amount'));
    const remittanceInformation = c.text(
      tx.remittanceInformation,
      at('remittanceInformation'),
      'Der Verwendungszweck',
      SEPA_MAX_REMITTANCE_LENGTH,
    );
    if (
      endToEndId !== null &&
      creditorName !== null &&
      creditorIban !== null &&
      creditorBic !== undefined &&
      amount !== null &&
      remittanceInformation !== null
    ) {
      transactions.push({ endToEndId, creditorName, creditorIban, creditorBic, amount: amount.toApiString(), remittanceInformation });
    }
  });

  if (
    c.errors.length > 0 ||
    messageId === null ||
    created === null ||
    executionDate === null ||
    debtorName === null ||
    debtorIban === null ||
    debtorBic === undefined
  ) {
    throw sepaInvalid(c.errors);
  }

  return {
    painVersion: PAIN_001_VERSION,
    messageId,
    paymentInformationId: messageId,
    createdAt: `${created.toISOString().slice(0, 19)}Z`,
    requestedExecutionDate: executionDate.toISOString(),
    batchBooking: input.batchBooking,
    numberOfTransactions: transactions.length,
    controlSum: Money.sum(transactions.map((t) => Money.of(t.amount))).toApiString(),
    debtor: { name: debtorName, iban: debtorIban, bic: debtorBic },
    transactions,
    warnings: c.warnings,
  };
}

// ────────────────────────────────────────── serialisation ──────────────────────────────────────────

/** The amount as the JS number the library takes, after proving the conversion is exact. */
function libraryAmount(amount: string): number {
  const n = Number(amount);
  if (!Money.of(String(n)).equals(Money.of(amount))) {
    throw new SepaBuilderInvariantError(`Betrag ${amount} ist als Zahl nicht exakt darstellbar`);
  }
  return n;
}

function xmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** The texts of all leaf elements `<tag>…</tag>` (tags are our constants, never input). */
function elementTexts(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g'))].map((m) => m[1]);
}

/** Replace the text of `<tag>` where the library is known to write it `expectedCount` times. */
function replaceElementTexts(xml: string, tag: string, expectedCount: number, text: string): string {
  const found = elementTexts(xml, tag).length;
  if (found !== expectedCount) {
    throw new SepaBuilderInvariantError(`<${tag}> ${found}-mal statt ${expectedCount}-mal geschrieben`);
  }
  return xml.replace(new RegExp(`<${tag}>[^<]*</${tag}>`, 'g'), `<${tag}>${xmlText(text)}</${tag}>`);
}

function expectEqual(what: string, actual: readonly string[], expected: readonly string[]): void {
  if (actual.length !== expected.length || actual.some((value, i) => value !== expected[i])) {
    throw new SepaBuilderInvariantError(`${what} weicht ab`);
  }
}

function serialise(file: ValidatedFile): string {
  const doc = new Document(PAIN_001_VERSION);
  doc.grpHdr.id = file.messageId;
  doc.grpHdr.created = new Date(file.createdAt); // printed in local time by the library; replaced below
  doc.grpHdr.initiatorName = file.debtor.name;

  const info = doc.createPaymentInfo();
  const [year, month, day] = file.requestedExecutionDate.split('-').map(Number);
  // The library prints the local calendar date of this Date; noon is that date in every zone.
  info.requestedExecutionDate = new Date(year, month - 1, day, 12);
  info.batchBooking = file.batchBooking;
  info.debtorName = file.debtor.name;
  info.debtorIBAN = file.debtor.iban;
  info.debtorBIC = file.debtor.bic ?? '';
  doc.addPaymentInfo(info);
  info.id = file.paymentInformationId; // after adding: addPaymentInfo would prefix it with "<MsgId>."

  for (const line of file.transactions) {
    const tx = info.createTransaction();
    tx.end2endId = line.endToEndId;
    tx.creditorName = line.creditorName;
    tx.creditorIBAN = line.creditorIban;
    tx.creditorBIC = line.creditorBic ?? '';
    tx.amount = libraryAmount(line.amount);
    tx.remittanceInfo = line.remittanceInformation;
    info.addTransaction(tx);
    tx.id = line.endToEndId; // InstrId; after adding, which would prefix "<PmtInfId>."
  }

  let xml = doc.toString();
  xml = replaceElementTexts(xml, 'CreDtTm', 1, file.createdAt);
  xml = replaceElementTexts(xml, 'CtrlSum', 2, file.controlSum);

  // What the library wrote must be exactly what was validated.
  const count = String(file.numberOfTransactions);
  if (!xml.startsWith(`<?xml version="1.0" encoding="UTF-8"?><Document xmlns="${PAIN_001_NAMESPACE}"`)) {
    throw new SepaBuilderInvariantError('Kopf oder Namensraum');
  }
  expectEqual('MsgId', elementTexts(xml, 'MsgId'), [xmlText(file.messageId)]);
  expectEqual('PmtInfId', elementTexts(xml, 'PmtInfId'), [xmlText(file.paymentInformationId)]);
  expectEqual('NbOfTxs', elementTexts(xml, 'NbOfTxs'), [count, count]);
  expectEqual('BtchBookg', elementTexts(xml, 'BtchBookg'), [String(file.batchBooking)]);
  expectEqual('ReqdExctnDt', elementTexts(xml, 'Dt'), [file.requestedExecutionDate]);
  expectEqual('EndToEndId', elementTexts(xml, 'EndToEndId'), file.transactions.map((t) => xmlText(t.endToEndId)));
  expectEqual(
    'InstdAmt',
    [...xml.matchAll(/<InstdAmt Ccy="EUR">([^<]*)<\/InstdAmt>/g)].map((m) => m[1]),
    file.transactions.map((t) => t.amount),
  );
  return xml;
}
