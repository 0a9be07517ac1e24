/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are asserted by value */
import { FixedClock } from '@foerderfluss/core';
import { extractPdfText } from '@foerderfluss/exports';
import { bearer, createTestContext, DEMO, TestContext } from './support/harness';
import { approvedDecision, Tokens, checkBody } from './support/flow';
import { createBudgetYear, createPublishedCall } from './support/fixtures';

const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/**
 * Auszahlungsanordnung (issue 16 item 4): besides the SEPA file, the Kreiskasse gets per payment
 * file an order as PDF and CSV with Haushaltsstelle, payee, IBAN, amount, due date, Aktenzeichen,
 * Verwendungszweck and who attested it sachlich (check of the Mittelabruf) and rechnerisch richtig
 * (the approver), and the total.
 */
describe('Auszahlungsanordnung for the Kreiskasse (PDF and CSV)', () => {
  let t: TestContext;
  let tk: Tokens;
  let fileId: string;
  let messageId: string;
  let references: string[];
  const names: Record<string, string> = {};

  const ok = async <T = any>(req: PromiseLike<{ status: number; body: T }>, status = 200): Promise<T> => {
    const res = await req;
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };

  beforeAll(async () => {
    t = await createTestContext({ now: '2024-12-02T09:00:00+01:00' });
    const [admin, staff, approver, provider, provider2, auditor] = await Promise.all([DEMO.admin, DEMO.staff, DEMO.approver, DEMO.provider, DEMO.provider2, DEMO.auditor].map((e) => t.login(e)));
    tk = { admin: admin!, staff: staff!, approver: approver!, provider: provider!, provider2: provider2!, auditor: auditor! };
    for (const row of (await t.db.query(`SELECT email, display_name FROM app_user WHERE email = ANY($1)`, [[DEMO.staff, DEMO.approver]])).rows) names[row.email] = row.display_name;
    const year = await createBudgetYear(t, tk.admin, 2025);
    const call = await createPublishedCall(t, tk.staff, year.id, { openingDate: '2024-09-01', deadline: '2024-12-15' });
    const base = { yearId: year.id, callId: call.id, year: 2025, application: { periodEnd: '2025-06-30' } };
    const one = await approvedDecision(t, tk, base);
    const two = await approvedDecision(t, { ...tk, provider: tk.provider2 }, base);
    references = [one.reference, two.reference];
    (t.clock as FixedClock).set('2025-02-20T09:00:00+01:00');
    const disbursements: string[] = [];
    for (const [d, token, amount] of [[one, tk.provider, '30000.00'], [two, tk.provider2, '12345.67']] as const) {
      // the Träger may request its share (Fehlbedarf here: 90 %) of what falls due: the due payments are larger
      const due = [{ dueDate: '2025-03-31', payeeType: 'STAFF', costCategory: 'PERSONNEL', description: 'Gehälter', amount: '40000.00' }];
      const pr = await ok(t.http().post('/api/v1/payment-requests').set(bearer(token)).send({ decisionId: d.id, requestedAmount: amount, requestedValueDate: '2025-03-01', duePayments: due }), 201);
      await ok(t.http().post(`/api/v1/payment-requests/${pr.id}/submit`).set(bearer(token)));
      await ok(t.http().post(`/api/v1/payment-requests/${pr.id}/check`).set(bearer(tk.staff)).send(checkBody({ amount })));
      const approved = await ok(t.http().post(`/api/v1/payment-requests/${pr.id}/approve`).set(bearer(tk.approver)));
      disbursements.push(approved.disbursement.id);
    }
    (t.clock as FixedClock).set('2025-02-21T10:00:00+01:00');
    const file = await ok(t.http().post('/api/v1/payment-files').set(bearer(tk.staff)).send({ disbursementIds: disbursements, executionDate: '2025-03-01' }), 201);
    fileId = file.id;
    messageId = file.messageId;
  });
  afterAll(() => t.close());

  it('PDF: each payout with Haushaltsstelle, payee, IBAN, amount, due date, Aktenzeichen; sachlich/rechnerisch richtig by name; the total', async () => {
    const res = await t.http().get(`/api/v1/payment-files/${fileId}/payment-order.pdf`).set(bearer(tk.staff)).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/pdf/);
    expect(res.headers['content-disposition']).toContain(`Auszahlungsanordnung_${messageId}.pdf`);
    const all = extractPdfText(res.body as Buffer).pages.map((p) => p.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ')).join('\n');
    expect(all).toContain('Auszahlungsanordnung');
    expect(all).toContain(`zur SEPA-Zahlungsdatei ${messageId}`);
    expect(all).toContain('Ausführung am 01.03.2025');
    expect(all).toContain('31.5.01.7180');
    for (const reference of references) expect(all).toContain(`${reference} Abruf 1 Zuwendung Sozialberatung Landkreis Altenburger Land`);
    expect(all).toContain('Evangelisches Sozialwerk Pleißenland');
    expect(all).toContain('30.000,00 €');
    expect(all).toContain('12.345,67 €');
    expect(all).toContain('Summe 42.345,67 €');
    expect(all).toContain('Gesamtbetrag 42.345,67 €');
    expect(all).toContain(`${names[DEMO.staff]}, 20.02.2025`);
    expect(all).toContain(`${names[DEMO.approver]}, 20.02.2025`);
    // the day the file was written (its row's creation time) and by whom
    expect(all).toMatch(new RegExp(`Erstellt am \\d{2}\\.\\d{2}\\.\\d{4} von ${names[DEMO.staff]!.replace(/[()]/g, '\\$&')}`));
    expect(all).not.toContain('Ausführung gebucht am');
  });

  it('CSV: German, one row per payout with the attestations, a „Summe“ line with the total; the download is audited', async () => {
    const res = await t.http().get(`/api/v1/payment-files/${fileId}/payment-order.csv`).set(bearer(tk.approver)).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const csv = (res.body as Buffer).toString('utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trimEnd().split('\r\n').map((l) => l.split(';'));
    expect(lines[0]).toEqual([
      'Nr.', 'Haushaltsstelle', 'Haushaltsjahr', 'Zahlungsempfänger', 'IBAN', 'BIC', 'Betrag', 'Fälligkeitsdatum', 'Aktenzeichen', 'Mittelabruf', 'Verwendungszweck',
      'Sachlich richtig', 'Sachlich richtig am', 'Rechnerisch richtig', 'Rechnerisch richtig am',
    ]);
    const data = lines.slice(1, -1);
    expect(data).toHaveLength(2);
    expect(data.map((l) => l[6]).sort()).toEqual(['12345,67', '30000,00']);
    for (const l of data) {
      expect(l[1]).toBe('31.5.01.7180');
      expect(l[2]).toBe('2025');
      expect(l[4]).toMatch(/^DE\d{20}$/);
      expect(l[7]).toBe('01.03.2025');
      expect(references).toContain(l[8]);
      expect(l.slice(11)).toEqual([names[DEMO.staff], '20.02.2025', names[DEMO.approver], '20.02.2025']);
    }
    expect(lines.at(-1)!.slice(0, 7)).toEqual(['Summe', '', '', '', '', '', '42345,67']);
    const audit = await t.db.query(`SELECT after->>'format' AS format FROM audit_event WHERE action = 'payment-file.payment-order.download' AND entity_id = $1 ORDER BY id`, [fileId]);
    expect(audit.rows.map((r: any) => r.format)).toEqual(['pdf', 'csv']);
  });

  it('Kreis side only: a Träger is refused; an unknown file is 404', async () => {
    await t.http().get(`/api/v1/payment-files/${fileId}/payment-order.pdf`).set(bearer(tk.provider)).expect(403);
    await t.http().get(`/api/v1/payment-files/${fileId}/payment-order.csv`).set(bearer(tk.provider2)).expect(403);
    await t.http().get('/api/v1/payment-files/00000000-0000-4000-8000-000000000000/payment-order.pdf').set(bearer(tk.staff)).expect(404);
  });
});
