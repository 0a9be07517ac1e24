/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are asserted by value */
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { extractPdfText } from '@foerderfluss/exports';
import { JOBS, splitJobData } from '@foerderfluss/jobs';
import { bearer, createTestContext, DEMO, TestContext } from './support/harness';
import { approvedDecision, Tokens, completeReview } from './support/flow';
import { applicationBody, balancedPlan, createBudgetYear, createPublishedCall } from './support/fixtures';
import { TEST_REDIS_URL } from './support/env';
import { TcpProxy } from './support/tcp-proxy';

/** Collects a binary response body. */
const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

async function waitFor<T>(probe: () => Promise<T | null | undefined>, timeoutMs = 30000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 150));
  }
}

const text = (pdf: Buffer): string => extractPdfText(pdf).pages.map((p) => p.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ')).join('\n');

async function tokens(t: TestContext): Promise<Tokens> {
  const [admin, staff, approver, provider, provider2, auditor] = await Promise.all([DEMO.admin, DEMO.staff, DEMO.approver, DEMO.provider, DEMO.provider2, DEMO.auditor].map((e) => t.login(e)));
  return { admin: admin!, staff: staff!, approver: approver!, provider: provider!, provider2: provider2!, auditor: auditor! };
}

/**
 * Letters at once (issue 16 item 3): the approval writes the letter in its own transaction and
 * queues its render job right after the commit; the worker renders it within seconds. A failed
 * letter is tried again on request, and „Schreiben jetzt erzeugen“ says what it did.
 */
describe('letters at once: written with the action, queued after its commit, rendered by the worker', () => {
  let t: TestContext;
  let tk: Tokens;
  let base: { yearId: string; callId: string; year: number };
  let worker: Awaited<ReturnType<TestContext['startWorker']>> | null = null;

  const ok = async <T = any>(req: PromiseLike<{ status: number; body: T }>, status = 200): Promise<T> => {
    const res = await req;
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const letters = (path: string, token = tk.staff) => ok(t.http().get(path).set(bearer(token)));
  async function completed(path: string, count: number): Promise<any[]> {
    return waitFor(async () => {
      const list = await letters(path);
      if (list.items.some((d: any) => d.status === 'FAILED')) throw new Error(`letter failed: ${JSON.stringify(list.items)}`);
      return list.items.length === count && list.items.every((d: any) => d.status === 'COMPLETED') ? list.items : null;
    });
  }
  async function download(id: string, token = tk.staff): Promise<Buffer> {
    return (await t.http().get(`/api/v1/letters/${id}/file`).set(bearer(token)).buffer(true).parse(binary).expect(200)).body as Buffer;
  }

  beforeAll(async () => {
    t = await createTestContext({ now: '2024-12-02T09:00:00+01:00' });
    tk = await tokens(t);
    const year = await createBudgetYear(t, tk.admin, 2025, { state: '400000.00', district: '100000.00' });
    const call = await createPublishedCall(t, tk.staff, year.id, { openingDate: '2024-09-01', deadline: '2024-12-15' });
    base = { yearId: year.id, callId: call.id, year: 2025 };
  });
  afterAll(() => t.close());

  let grant: { id: string; reference: string };
  let grantLetter: any;

  it('the approval itself writes the Bescheid, queued, and hands it to the queue: no request, no sweep', async () => {
    grant = await approvedDecision(t, tk, { ...base, financingType: 'DEFICIT', application: { periodEnd: '2025-06-30' } });
    // right after the approval, before any worker runs
    const list = await letters(`/api/v1/decisions/${grant.id}/letters`);
    expect(list.items).toEqual([
      expect.objectContaining({ kind: 'GRANT_DECISION', status: 'PENDING', versionNo: 1, downloadUrl: null, allowedActions: [], fileName: `Zuwendungsbescheid_${grant.reference}_v1.pdf` }),
    ]);
    grantLetter = list.items[0];
    // the Träger sees the same letter waiting
    const own = await letters(`/api/v1/decisions/${grant.id}/letters`, tk.provider);
    expect(own.items.map((d: any) => [d.id, d.status])).toEqual([[grantLetter.id, 'PENDING']]);
    // written in the approval's transaction (requested by the approver, no letter.request event), its job queued after the commit
    const row = (await t.db.query(`SELECT requested_by, job_id FROM generated_document WHERE id = $1`, [grantLetter.id])).rows[0];
    expect(row.job_id).toBe(`letters.render.${grantLetter.id}`);
    const approver = (await t.db.query(`SELECT id FROM app_user WHERE email = $1`, [DEMO.approver])).rows[0].id;
    expect(row.requested_by).toBe(approver);
    const connection = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue(JOBS['letters.render'].queue, { connection, prefix: t.config.queuePrefix });
    try {
      const job = await queue.getJob(`letters.render.${grantLetter.id}`);
      // The ids-only payload, and beside it the id of the approval request that enqueued the job.
      expect(splitJobData(job?.data)).toEqual({ payload: { documentId: grantLetter.id }, meta: { requestId: expect.any(String) } });
    } finally {
      await queue.close();
      connection.disconnect();
    }

    // the worker renders it from the queue: nobody asks, no sweep runs
    worker = await t.startWorker();
    const [done] = await completed(`/api/v1/decisions/${grant.id}/letters`, 1);
    expect(done).toMatchObject({ id: grantLetter.id, status: 'COMPLETED', attempts: 1, downloadUrl: `/api/v1/letters/${grantLetter.id}/file`, allowedActions: ['download'] });
    const pdf = text(await download(grantLetter.id, tk.provider));
    expect(pdf).toContain('Zuwendungsbescheid (Weiterleitungsbescheid)');
    expect(pdf).toContain('Rechtsbehelfsbelehrung');
  });

  it('„Schreiben jetzt erzeugen“ with nothing to do answers 409 in German, creates nothing', async () => {
    const res = await t.http().post(`/api/v1/decisions/${grant.id}/letters`).set(bearer(tk.staff)).expect(409);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'LETTERS_NOTHING_TO_DO', detail: 'Es ist nichts neu zu erzeugen: Alle Schreiben liegen bereits vor.' });
    expect((await t.db.query(`SELECT count(*)::int AS n FROM generated_document WHERE decision_id = $1`, [grant.id])).rows[0].n).toBe(1);
  });

  it('a failed letter: its German reason, „Erneut versuchen“ for staff only, a new job, rendered; retry of anything else is a 409', async () => {
    const d = await approvedDecision(t, tk, { ...base, financingType: 'DEFICIT', application: { periodEnd: '2025-06-30' } });
    const [letter] = await completed(`/api/v1/decisions/${d.id}/letters`, 1);
    // the last attempt failed (as the worker records it after its final attempt)
    await t.db.query(`UPDATE generated_document SET status = 'FAILED', storage_key = NULL, sha256 = NULL, size_bytes = NULL, completed_at = NULL, error = 'Das Schreiben konnte nach 5 Versuchen nicht erzeugt werden (technischer Fehler: disk full).' WHERE id = $1`, [letter.id]);
    const failed = (await letters(`/api/v1/decisions/${d.id}/letters`)).items[0];
    expect(failed).toMatchObject({ status: 'FAILED', error: expect.stringContaining('nicht erzeugt werden'), downloadUrl: null, allowedActions: ['retry'] });
    expect((await letters(`/api/v1/decisions/${d.id}/letters`, tk.provider)).items[0].allowedActions).toEqual([]);
    await t.http().get(`/api/v1/letters/${letter.id}/file`).set(bearer(tk.provider)).expect(409);
    await t.http().post(`/api/v1/letters/${letter.id}/retry`).set(bearer(tk.provider)).expect(403);
    await t.http().post(`/api/v1/letters/${letter.id}/retry`).set(bearer(tk.auditor)).expect(403);
    await t.http().post(`/api/v1/letters/${letter.id}/retry`).set(bearer(tk.provider2)).expect(403);

    const retried = await ok(t.http().post(`/api/v1/letters/${letter.id}/retry`).set(bearer(tk.staff)), 202);
    expect(retried).toMatchObject({ id: letter.id, status: 'PENDING', error: null });
    const row = (await t.db.query(`SELECT retry_count, job_id FROM generated_document WHERE id = $1`, [letter.id])).rows[0];
    expect(row.retry_count).toBe(1);
    expect(row.job_id).toBe(`letters.render.${letter.id}-retry-1`);
    const [again] = await completed(`/api/v1/decisions/${d.id}/letters`, 1);
    expect(again).toMatchObject({ id: letter.id, status: 'COMPLETED' });
    expect((await t.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'letter.retry' AND entity_id = $1`, [letter.id])).rows[0].n).toBe(1);

    const twice = await t.http().post(`/api/v1/letters/${letter.id}/retry`).set(bearer(tk.staff)).expect(409);
    expect(twice.body).toMatchObject({ code: 'LETTER_ILLEGAL_TRANSITION' });
    expect(twice.body.detail).toMatch(/erzeugt/);
  });

  it('„Schreiben jetzt erzeugen“ tries the failed ones again and says so', async () => {
    const d = await approvedDecision(t, tk, { ...base, financingType: 'DEFICIT', application: { periodEnd: '2025-06-30' } });
    const [letter] = await completed(`/api/v1/decisions/${d.id}/letters`, 1);
    await t.db.query(`UPDATE generated_document SET status = 'FAILED', storage_key = NULL, sha256 = NULL, size_bytes = NULL, completed_at = NULL, error = 'x' WHERE id = $1`, [letter.id]);
    const res = await ok(t.http().post(`/api/v1/decisions/${d.id}/letters`).set(bearer(tk.approver)), 202);
    expect(res.created).toEqual([]);
    expect(res.requeued).toEqual([expect.objectContaining({ id: letter.id, status: 'PENDING' })]);
    expect(res.items.map((x: any) => x.id)).toEqual([letter.id]);
    await completed(`/api/v1/decisions/${d.id}/letters`, 1);
  });

  it('a Widerruf issues a Widerrufsbescheid (with Rechtsbehelfsbelehrung) at once; a contract amendment an Änderungsvertrag', async () => {
    await ok(
      t
        .http()
        .post(`/api/v1/decisions/${grant.id}/revocations`)
        .set(bearer(tk.staff))
        .send({ reason: 'Die zweite Beratungsstelle wurde nicht eröffnet; die Mittel dafür werden nicht für den Zuwendungszweck verwendet.', newMaxAmount: '60000.00', effectiveDate: '2025-01-01' }),
      201,
    );
    await ok(t.http().post(`/api/v1/decisions/${grant.id}/approve`).set(bearer(tk.approver)));
    const queued = (await letters(`/api/v1/decisions/${grant.id}/letters`)).items.find((d: any) => d.kind === 'REVOCATION');
    expect(queued).toMatchObject({ versionNo: 2, kindLabel: 'Widerrufsbescheid / Kündigung', fileName: `Widerrufsbescheid_${grant.reference}_v2.pdf` });
    const all = await completed(`/api/v1/decisions/${grant.id}/letters`, 2);
    const revocation = all.find((d: any) => d.kind === 'REVOCATION');
    const pdf = text(await download(revocation.id, tk.provider));
    expect(pdf).toContain(`Aktenzeichen: ${grant.reference}`);
    expect(pdf).toContain('Teilwiderrufsbescheid');
    expect(pdf).toContain('nach § 49 Abs. 3 Satz 1 ThürVwVfG mit Wirkung vom 01.01.2025 an insoweit widerrufen, als die Zuwendung den Betrag von 60.000,00 € übersteigt');
    expect(pdf).toContain('Die zweite Beratungsstelle wurde nicht eröffnet');
    expect(pdf).toContain('Rechtsbehelfsbelehrung');
    expect(pdf).toContain('Widerspruch erhoben werden');
    expect(pdf).toContain('beim Landratsamt Altenburger Land, Lindenaustraße 9, 04600 Altenburg');

    const contract = await approvedDecision(t, tk, { ...base, instrument: 'VERTRAG', financingType: 'DEFICIT', application: { periodEnd: '2025-06-30' } });
    await ok(t.http().post(`/api/v1/decisions/${contract.id}/amendments`).set(bearer(tk.staff)).send({ reason: 'Die Honorarkosten sinken.', maxAmount: '85000.00' }), 201);
    await ok(t.http().post(`/api/v1/decisions/${contract.id}/approve`).set(bearer(tk.approver)));
    const contractLetters = await completed(`/api/v1/decisions/${contract.id}/letters`, 2);
    const amendment = contractLetters.find((d: any) => d.kind === 'CONTRACT_AMENDMENT');
    expect(amendment).toMatchObject({ versionNo: 2, fileName: `Änderungsvertrag_${contract.reference}_v2.pdf` });
    const changed = text(await download(amendment.id));
    expect(changed).toContain('1. Änderungsvertrag');
    expect(changed).toContain('Höchstbetrag der Zuwendung 90.000,00 € 85.000,00 €');
    expect(changed).toContain('Für den Zuwendungsempfänger');
    expect(changed).not.toContain('Rechtsbehelfsbelehrung');
  });

  it('Eingangsbestätigung: written with the submission, queued after it (no controller step any more)', async () => {
    if (worker) await t.stopWorker(worker);
    worker = null;
    const a = await ok(t.http().post('/api/v1/applications').set(bearer(tk.provider)).send(applicationBody(base.callId, 2025)), 201);
    await ok(t.http().post(`/api/v1/applications/${a.id}/submit`).set(bearer(tk.provider)));
    const list = await letters(`/api/v1/applications/${a.id}/letters`, tk.provider);
    expect(list.items).toEqual([expect.objectContaining({ kind: 'RECEIPT_CONFIRMATION', status: 'PENDING' })]);
    worker = await t.startWorker();
    await completed(`/api/v1/applications/${a.id}/letters`, 1);
  });
});

describe('letters at once with Redis away: the action stands, the letter waits, the sweep queues it', () => {
  const proxy = new TcpProxy('127.0.0.1', Number(new URL(TEST_REDIS_URL).port || 6379));
  let t: TestContext;
  let tk: Tokens;

  beforeAll(async () => {
    const port = await proxy.start();
    t = await createTestContext({ now: '2024-12-02T09:00:00+01:00', env: { REDIS_URL: `redis://127.0.0.1:${port}` } });
    tk = await tokens(t);
  });
  afterAll(async () => {
    await t.close();
    await proxy.stop();
  });

  it('approval while Redis is away: 200, the letter PENDING without a job; back again, the sweep renders it', async () => {
    const year = await createBudgetYear(t, tk.admin, 2025);
    const call = await createPublishedCall(t, tk.staff, year.id, { openingDate: '2024-09-01', deadline: '2024-12-15' });
    const a = await proposedDecision(t, tk, call.id);
    await proxy.stop();
    const approved = await t.http().post(`/api/v1/decisions/${a.id}/approve`).set(bearer(tk.approver));
    expect(approved.status).toBe(200);
    const row = (await t.db.query(`SELECT id, status, job_id FROM generated_document WHERE decision_id = $1`, [a.id])).rows;
    expect(row).toEqual([{ id: expect.any(String), status: 'PENDING', job_id: null }]);

    await proxy.start(proxy.port);
    const worker = await t.startWorker();
    try {
      await waitFor(async () => (await t.http().post('/api/v1/admin/schedules/letters.scan/run').set(bearer(tk.admin))).status === 202 || null);
      await waitFor(async () => ((await t.db.query(`SELECT status FROM generated_document WHERE id = $1`, [row[0].id])).rows[0].status === 'COMPLETED' ? true : null), 60000);
    } finally {
      await t.stopWorker(worker);
    }
  });
});

/** Apply, submit, review and propose (not yet approved): the decision's id. */
async function proposedDecision(t: TestContext, tk: Tokens, callId: string): Promise<{ id: string }> {
  const a = await t.http().post('/api/v1/applications').set(bearer(tk.provider)).send(applicationBody(callId, 2025, { financingPlan: balancedPlan('90000.00'), periodEnd: '2025-06-30' }));
  if (a.status !== 201) throw new Error(`application ${a.status} ${JSON.stringify(a.body)}`);
  await t.http().post(`/api/v1/applications/${a.body.id}/submit`).set(bearer(tk.provider)).expect(200);
  await t.http().post(`/api/v1/applications/${a.body.id}/start-review`).set(bearer(tk.staff)).expect(200);
  await completeReview(t, tk.staff, a.body.id);
  const d = await t.http().post(`/api/v1/applications/${a.body.id}/propose-decision`).set(bearer(tk.staff)).send({ instrument: 'BESCHEID', financingType: 'DEFICIT', maxAmount: '90000.00' });
  if (d.status !== 201) throw new Error(`propose ${d.status} ${JSON.stringify(d.body)}`);
  return { id: d.body.id };
}

describe('a Festsetzung with nothing to recover issues a Festsetzungsbescheid with its approval', () => {
  it('approved over HTTP: the Festsetzungsbescheid is written at once, rendered, with Rechtsbehelfsbelehrung; the Träger reads it on the proof', async () => {
    const { insertSettlement, settlementWorld } = await import('./support/settlement-setup');
    const w = await settlementWorld(1, 0);
    try {
      const c = w.own[0]!;
      await w.t.db.query(`UPDATE proof_of_use SET status = 'REVIEWED', submitted_at = '2025-07-20T10:00:00+02:00' WHERE id = $1`, [c.proofId]);
      const id = await insertSettlement(w.t, c, 'PROPOSED', w.users.staff);
      const approved = await w.t.http().post(`/api/v1/settlements/${id}/approve`).set(bearer(w.tk.approver)).expect(200);
      expect(approved.body.recoveryId).toBeNull();
      const queued = (await w.t.http().get(`/api/v1/proofs-of-use/${c.proofId}/letters`).set(bearer(w.tk.provider)).expect(200)).body.items;
      expect(queued).toEqual([expect.objectContaining({ kind: 'SETTLEMENT', status: 'PENDING', kindLabel: 'Festsetzungsbescheid / Festsetzung (Vertrag)' })]);
      const worker = await w.t.startWorker();
      try {
        const done = await waitFor(async () => {
          const items = (await w.t.http().get(`/api/v1/proofs-of-use/${c.proofId}/letters`).set(bearer(w.tk.provider)).expect(200)).body.items;
          if (items.some((d: any) => d.status === 'FAILED')) throw new Error(JSON.stringify(items));
          return items[0]?.status === 'COMPLETED' ? items[0] : null;
        });
        expect(done.fileName).toMatch(/^Festsetzungsbescheid_FF-2025-\d{4}\.pdf$/);
        const pdf = (await w.t.http().get(`/api/v1/letters/${done.id}/file`).set(bearer(w.tk.provider)).buffer(true).parse(binary).expect(200)).body as Buffer;
        const all = text(pdf);
        expect(all).toContain('Festsetzung der Zuwendung (Festsetzungsbescheid)');
        expect(all).toContain('wird auf 90.000,00 € festgesetzt.');
        expect(all).toContain('Ein Erstattungsbetrag ergibt sich nicht.');
        expect(all).toContain('Rechtsbehelfsbelehrung');
      } finally {
        await w.t.stopWorker(worker);
      }
    } finally {
      await w.t.close();
    }
  });
});
