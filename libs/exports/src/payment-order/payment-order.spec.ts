import { extractPdfText, type Letterhead } from '../letters';
import { LetterModelError } from '../letters/letters.errors';
import { CSV_BOM } from '../csv-writer';
import { paymentOrderCsv, type PaymentOrderModel, renderAuszahlungsanordnung } from './payment-order';

const letterhead: Letterhead = {
  name: 'Landkreis Altenburger Land – Landratsamt',
  department: 'Integrationsmanagement',
  districtName: 'Landkreis Altenburger Land',
  authorityName: 'Landratsamt Altenburger Land',
  address: { street: 'Lindenaustraße 9', postalCode: '04600', city: 'Altenburg' },
  phone: '03447 586-0',
  email: 'integrationsmanagement@altenburgerland.de',
  website: 'www.altenburgerland.de',
  bankAccounts: [{ bankName: 'Sparkasse Altenburger Land', iban: 'DE12830502000001234567', bic: 'HELADEF1ALT', accountHolder: 'Landkreis Altenburger Land' }],
};

function model(): PaymentOrderModel {
  const line = (position: number, payee: string, amount: string, reference: string) => ({
    position,
    budgetLine: '31500.71800',
    budgetYear: 2026,
    payee,
    iban: 'DE89370400440532013000',
    bic: 'COBADEFFXXX',
    amount,
    dueDate: '2026-03-01',
    reference,
    paymentRequestReference: `${reference}/MA-1`,
    remittance: `${reference} Abruf 1 Zuwendung Sozialberatung Landkreis Altenburger Land`,
    factuallyCorrect: { name: 'Erika Muster', date: '2026-02-20' },
    arithmeticallyCorrect: { name: 'Dr. Petra Beispiel', date: '2026-02-21' },
  });
  return {
    messageId: 'PF-2026-0001',
    orderDate: '2026-02-22',
    executionDate: '2026-03-01',
    createdBy: 'Erika Muster',
    bookedOn: null,
    sha256: 'a'.repeat(64),
    controlSum: '50000.50',
    lines: [line(1, 'Evangelisches Sozialwerk Pleißenland e. V.', '30000.25', 'FF-2026-0001'), line(2, '=HYPERLINK("x") Verein', '20000.25', 'FF-2026-0003')],
  };
}

describe('Auszahlungsanordnung', () => {
  it('PDF: every payout with Haushaltsstelle, payee, IBAN, amount, due date, Aktenzeichen; sachlich/rechnerisch richtig by name and date; the total', async () => {
    const pdf = await renderAuszahlungsanordnung(model(), letterhead);
    const all = extractPdfText(pdf).pages.map((p) => p.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ')).join('\n');
    expect(all).toContain('Auszahlungsanordnung');
    expect(all).toContain('zur SEPA-Zahlungsdatei PF-2026-0001');
    expect(all).toContain('An Kreiskasse, Landkreis Altenburger Land');
    expect(all).toContain('Erstellt am 22.02.2026 von Erika Muster');
    expect(all).toContain('31500.71800');
    expect(all).toContain('Evangelisches Sozialwerk Pleißenland e. V.');
    expect(all).toContain('DE89 3704 0044 0532 0130 00');
    expect(all).toContain('30.000,25 €');
    expect(all).toContain('01.03.2026');
    expect(all).toContain('FF-2026-0001 (FF-2026-0001/MA-1)');
    expect(all).toMatch(/Summe 50\.000,50 €/);
    expect(all).toContain('Erika Muster, 20.02.2026');
    expect(all).toContain('Dr. Petra Beispiel, 21.02.2026');
  });

  it('CSV: German (BOM, semicolon, decimal comma), one row per payout, a total line; formulas neutralised', async () => {
    const csv = (await paymentOrderCsv(model())).toString('utf8');
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'Nr.;Haushaltsstelle;Haushaltsjahr;Zahlungsempfänger;IBAN;BIC;Betrag;Fälligkeitsdatum;Aktenzeichen;Mittelabruf;Verwendungszweck;Sachlich richtig;Sachlich richtig am;Rechnerisch richtig;Rechnerisch richtig am',
    );
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe(
      '1;31500.71800;2026;Evangelisches Sozialwerk Pleißenland e. V.;DE89370400440532013000;COBADEFFXXX;30000,25;01.03.2026;FF-2026-0001;FF-2026-0001/MA-1;FF-2026-0001 Abruf 1 Zuwendung Sozialberatung Landkreis Altenburger Land;Erika Muster;20.02.2026;Dr. Petra Beispiel;21.02.2026',
    );
    // a payee starting with "=" is text, not a formula
    expect(lines[2]!.split(';')[3]).toMatch(/^"?'=HYPERLINK/);
    expect(lines[3]).toMatch(/^Summe;;;;;;50000,50;/);
  });

  it('refuses a file whose payouts do not add up to its control sum', async () => {
    await expect(renderAuszahlungsanordnung({ ...model(), controlSum: '50000.00' }, letterhead)).rejects.toBeInstanceOf(LetterModelError);
    await expect(paymentOrderCsv({ ...model(), lines: [] })).rejects.toThrow(/mindestens eine Auszahlung/);
  });
});
