/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are asserted by value */
import { auditActionLabel } from '@foerderfluss/cases';
import { bearer, createTestContext, DEMO, TestContext } from './support/harness';

const PROBLEM = /^application\/problem\+json/;
const NOW = '2026-12-07T10:00:00Z';

/**
 * History on the record (issue 16 item 8): staff and auditors read the audit events of the record
 * they look at and of its parts, newest first, with the person's display name, a German label for
 * the action and a German change list; never another record's events; a Träger gets 404.
 */
describe('history on the record', () => {
  let t: TestContext;
  let admin: string;
  let staff: string;
  let approver: string;
  let auditor: string;
  let provider: string;

  const ok = async <T = any>(req: PromiseLike<{ status: number; body: T }>, status = 200): Promise<T> => {
    const res = await req;
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const history = (token: string, type: string, id: string, query = '') => t.http().get(`/api/v1/history/${type}/${id}${query}`).set(bearer(token));
  const idOf = async (sql: string, params: unknown[] = []) => (await t.db.query(sql, params)).rows[0].id as string;

  beforeAll(async () => {
    t = await createTestContext({ now: NOW });
    [admin, staff, approver, auditor, provider] = await Promise.all([t.login(DEMO.admin), t.login(DEMO.staff), t.login(DEMO.approver), t.login(DEMO.auditor), t.login(DEMO.provider)]);
  });
  afterAll(() => t.close());

  it('an Antrag: its steps newest first, who did them by name, German labels and change lists, its Anlagen, nothing of other Anträge', async () => {
    const id = await idOf(`SELECT id FROM application WHERE status = 'SUBMITTED' ORDER BY reference LIMIT 1`);
    await ok(t.http().post(`/api/v1/applications/${id}/start-review`).set(bearer(staff)));
    await ok(t.http().put(`/api/v1/cases/APPLICATION/${id}/assignment`).set(bearer(staff)).send({ assigneeId: await idOf(`SELECT id FROM app_user WHERE email = $1`, [DEMO.staff]), standInId: null }));
    await ok(t.http().post(`/api/v1/cases/APPLICATION/${id}/follow-ups`).set(bearer(staff)).send({ dueDate: '2026-12-10', note: 'Nachweis Mietvertrag' }), 201);

    const page = await ok(history(staff, 'APPLICATION', id));
    expect(page.nextCursor).toBeNull();
    const items = page.items as any[];
    const ids = items.map((e) => BigInt(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
    expect(items.slice(0, 3).map((e) => [e.actionLabel, e.actorName])).toEqual([
      ['Wiedervorlage angelegt', 'Sabine Kretzschmar (Sachbearbeitung, Demo)'],
      ['Zuständigkeit geändert', 'Sabine Kretzschmar (Sachbearbeitung, Demo)'],
      ['Prüfung begonnen', 'Sabine Kretzschmar (Sachbearbeitung, Demo)'],
    ]);
    expect(items[0]).toMatchObject({ subject: 'Wiedervorlage zum 10.12.2026', changes: [expect.objectContaining({ text: 'Notiz: Nachweis Mietvertrag' })] });
    expect(items[1].changes.map((c: any) => c.text)).toEqual(['Zuständig: – → Sabine Kretzschmar (Sachbearbeitung, Demo)']);
    expect(items[2]).toMatchObject({ action: 'application.start-review', entity: 'Application', entityLabel: 'Antrag', actor: { displayName: 'Sabine Kretzschmar (Sachbearbeitung, Demo)' } });
    expect(items[2].changes).toEqual([{ field: 'status', label: 'Status', before: 'eingereicht', after: 'in Prüfung', text: 'Status: eingereicht → in Prüfung' }]);
    const submitted = items.find((e) => e.action === 'application.submit');
    expect(submitted.changes.map((c: any) => c.text)).toEqual(['Status: Entwurf → eingereicht']);
    expect(submitted.actor.displayName).toMatch(/\(Träger, Demo\)$/);
    const created = items[items.length - 1];
    expect(created).toMatchObject({ actionLabel: 'Antrag angelegt' });
    expect(created.changes.map((c: any) => c.label)).toEqual(expect.arrayContaining(['Status', 'Aktenzeichen', 'Titel', 'beantragte Zuwendung']));
    expect(created.changes.find((c: any) => c.label === 'beantragte Zuwendung').after).toMatch(/^\d{1,3}(\.\d{3})*,\d{2} €$/);
    // Its Anlagen belong to it; no event of another record does.
    const attachments = items.filter((e) => e.entity === 'Attachment');
    expect(attachments.length).toBeGreaterThan(0);
    for (const e of attachments) expect(e).toMatchObject({ actionLabel: 'Anlage hochgeladen', subject: expect.stringMatching(/^Anlage „.+“$/) });
    const foreign = (
      await t.db.query(
        `SELECT e.id::text FROM audit_event e WHERE e.id = ANY($1::bigint[])
           AND NOT ((e.entity = 'Application' AND e.entity_id = $2) OR (e.entity = 'Attachment' AND (e.after ->> 'ownerId' = $2 OR e.before ->> 'ownerId' = $2)))`,
        [items.map((e) => e.id), id],
      )
    ).rows;
    expect(foreign).toEqual([]);
    const otherEvents = (await t.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE entity = 'Application' AND entity_id <> $1`, [id])).rows[0].n;
    expect(otherEvents).toBeGreaterThan(0);
    // Nothing is shown as an English code.
    for (const e of items) {
      expect(e.actionLabel).not.toMatch(/^Sonstige/);
      for (const c of e.changes) expect(c.text).not.toMatch(/[A-Z]{2,}_[A-Z]/);
    }
  });

  it('pages newest first with a cursor, without gaps or repeats', async () => {
    const id = await idOf(`SELECT p.id FROM proof_of_use p ORDER BY p.reference LIMIT 1`);
    const all = (await ok(history(staff, 'PROOF_OF_USE', id, '?limit=200'))).items.map((e: any) => e.id);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await ok(history(staff, 'PROOF_OF_USE', id, `?limit=7${cursor ? `&cursor=${cursor}` : ''}`));
      paged.push(...page.items.map((e: any) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);
    expect(all.length).toBeGreaterThan(7);
    const bad = await history(staff, 'PROOF_OF_USE', id, '?cursor=kaputt').expect(400);
    expect(bad.headers['content-type']).toMatch(PROBLEM);
  });

  it('the parts that belong to a record: Belege and the Prüfung of a VN, the versions of a Bescheid, the Festsetzung of a Rückforderung', async () => {
    const proof = await idOf(`SELECT id FROM proof_of_use ORDER BY reference LIMIT 1`);
    const vn = (await ok(history(auditor, 'PROOF_OF_USE', proof, '?limit=200'))).items as any[];
    expect(vn.map((e) => e.actionLabel)).toEqual(expect.arrayContaining(['Verwendungsnachweis eingereicht', 'Prüfung begonnen', 'Stichprobe gezogen', 'Beleg geprüft', 'Prüfvermerk abgeschlossen', 'Beleg erfasst']));
    const receipt = vn.find((e) => e.action === 'receipt.create');
    expect(receipt).toMatchObject({ entity: 'Receipt', entityLabel: 'Beleg', subject: expect.stringMatching(/^Beleg \S+/) });
    expect(receipt.changes.map((c: any) => c.label)).toEqual(['Belegnummer', 'förderfähiger Betrag']);
    const checked = vn.find((e) => e.action === 'proof.review.receipt');
    expect(checked.subject).toMatch(/^Beleg \S+/);
    expect(checked.changes.map((c: any) => c.text)).toContain('Ergebnis: anerkannt');
    expect(vn.find((e) => e.action === 'proof.review.complete').changes.map((c: any) => c.text)).toContain('Prüfvermerk: in Bearbeitung → abgeschlossen');

    const decision = await idOf(`SELECT id FROM decision WHERE reference = 'FF-2026-0001'`);
    const d = (await ok(history(approver, 'DECISION', decision))).items as any[];
    expect(d.map((e) => e.actionLabel)).toEqual(['Freigegeben (Vier-Augen-Prinzip)', 'Bewilligung vorgeschlagen']);
    expect(d[0].changes.map((c: any) => c.text)).toEqual(expect.arrayContaining(['Status: freigegeben', 'Art: Erstbescheid', 'Finanzierungsart: Fehlbedarfsfinanzierung']));
    expect(d[0].actor.displayName).toBe('Dr. Thomas Reinhardt (Zeichnungsbefugnis, Demo)');

    const recovery = await idOf(`SELECT id FROM recovery ORDER BY reference LIMIT 1`);
    const r = (await ok(history(admin, 'RECOVERY', recovery))).items as any[];
    expect(r.map((e) => [e.entity, e.actionLabel])).toEqual([['Settlement', 'Festsetzung freigegeben (Vier-Augen-Prinzip)']]);
    expect(r[0].changes.map((c: any) => c.text)).toEqual(expect.arrayContaining([expect.stringMatching(/^festgesetzte Zuwendung: .* €$/)]));

    const request = await idOf(`SELECT id FROM payment_request WHERE status = 'PAID' ORDER BY reference LIMIT 1`);
    const pr = (await ok(history(staff, 'PAYMENT_REQUEST', request))).items as any[];
    expect(pr.map((e) => e.actionLabel)).toEqual(expect.arrayContaining(['Mittelabruf eingereicht', 'Mittelabruf sachlich geprüft', 'Auszahlung freigegeben (Vier-Augen-Prinzip)']));
    const settlement = await idOf(`SELECT id FROM settlement ORDER BY proposed_at LIMIT 1`);
    expect((await ok(history(staff, 'SETTLEMENT', settlement))).items.map((e: any) => e.actionLabel)).toEqual(['Festsetzung freigegeben (Vier-Augen-Prinzip)', 'Festsetzung vorgeschlagen']);
  });

  it('a Träger gets 404, even for its own record; unknown records and types answer 404 too', async () => {
    const own = await idOf(`SELECT a.id FROM application a JOIN app_user u ON u.organisation_id = a.provider_id WHERE u.email = $1 LIMIT 1`, [DEMO.provider]);
    await ok(t.http().get(`/api/v1/applications/${own}`).set(bearer(provider)));
    const res = await history(provider, 'APPLICATION', own).expect(404);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.detail).toBe('Der Antrag wurde nicht gefunden.');
    const decision = await idOf(`SELECT d.id FROM decision d JOIN app_user u ON u.organisation_id = d.provider_id WHERE u.email = $1 AND d.status = 'IN_FORCE' LIMIT 1`, [DEMO.provider]);
    await history(provider, 'DECISION', decision).expect(404);
    await history(staff, 'APPLICATION', '00000000-0000-4000-8000-000000000000').expect(404);
    await history(staff, 'ORGANISATION', own).expect(404);
    await history(staff, 'APPLICATION', 'keine-id').expect(404);
  });

  it('every action in the demo log has a German label, on the record and in the Protokoll', async () => {
    const actions = (await t.db.query(`SELECT DISTINCT action FROM audit_event ORDER BY action`)).rows.map((r: any) => r.action as string);
    expect(actions.length).toBeGreaterThan(20);
    expect(actions.filter((a) => auditActionLabel(a).startsWith('Sonstige'))).toEqual([]);
    const log = await ok(t.http().get('/api/v1/audit-events?limit=20').set(bearer(auditor)));
    for (const e of log.items) {
      expect(e.actionLabel).toBe(auditActionLabel(e.action));
      expect(e.entityLabel).not.toBe('');
    }
  });
});
