/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are asserted by value */
import { randomUUID } from 'node:crypto';
import { Role, type Scope } from '@foerderfluss/core';
import {
  EXPORT_DEFINITIONS,
  EXPORT_STATUSES,
  EXPORT_TYPE_INFO,
  EXPORT_TYPES,
  ExportJobRepository,
  type ExportRunContext,
  type ExportStatus,
  type ExportType,
  GeneratedDocumentRepository,
  type LetterFilter,
} from '@foerderfluss/exports';
import { bearer, createTestContext, DEMO, type TestContext } from './support/harness';

/**
 * Issue 15: the Träger scope of export jobs, export rows and letters lives in their repositories
 * (ExportJobRepository, export-rows.repository.ts, GeneratedDocumentRepository); the lifecycles of
 * export jobs and letters refuse over HTTP what their tables do not have, and report allowedActions.
 */
describe('exports and letters: Träger scope in the repositories, lifecycles over HTTP', () => {
  let t: TestContext;
  const tk: Record<'admin' | 'staff' | 'provider' | 'provider2', string> = { admin: '', staff: '', provider: '', provider2: '' };
  const user: Record<string, { id: string; org: string | null }> = {};
  let own: Scope;
  let other: Scope;
  let staff: Scope;
  let admin: Scope;

  const traeger = (userId: string, org: string): Scope => ({ userId, email: null, roles: [Role.PROVIDER], organisationId: org, requestId: null });

  beforeAll(async () => {
    t = await createTestContext({ now: '2026-11-25T10:00:00+01:00' });
    for (const key of Object.keys(tk) as (keyof typeof tk)[]) {
      tk[key] = await t.login(DEMO[key]);
      const row = (await t.db.query(`SELECT id, organisation_id FROM app_user WHERE email = $1`, [DEMO[key]])).rows[0];
      user[key] = { id: row.id, org: row.organisation_id };
    }
    own = traeger(user.provider!.id, user.provider!.org!);
    other = traeger(user.provider2!.id, user.provider2!.org!);
    staff = { userId: user.staff!.id, email: null, roles: [Role.STAFF], organisationId: null, requestId: null };
    admin = { userId: user.admin!.id, email: null, roles: [Role.ADMIN], organisationId: null, requestId: null };
  });
  afterAll(() => t.close());

  // ───────────────────────────── export jobs ─────────────────────────────

  async function insertJob(by: { id: string; org: string | null }, status: ExportStatus, type: ExportType = 'APPROVALS'): Promise<string> {
    const id = randomUUID();
    const done = status === 'COMPLETED';
    await t.db.query(
      `INSERT INTO export_job (id, type, format, filters, organisation_id, status, progress, rows_written, attempts, created_by, created_at, expires_at, file_name, file_key, sha256, file_size)
       VALUES ($1, $2, 'csv', '{}'::jsonb, $3, $4, 0, 0, 0, $5, now(), now() + interval '7 days', 'Export.csv', $6, $7, $8)`,
      [id, type, by.org, status, by.id, done ? `exports/${id}.csv` : null, done ? 'a'.repeat(64) : null, done ? 10 : null],
    );
    return id;
  }

  it('ExportJob: a Träger never gets another Träger’s export by get, list, count or any filter; staff see their own requests, ADMIN all', async () => {
    const repo = t.app.get(ExportJobRepository);
    const mine: string[] = [];
    const theirs: string[] = [];
    const staffs: string[] = [];
    for (const status of EXPORT_STATUSES) {
      for (const type of ['APPROVALS', 'RECEIPTS'] as const) {
        mine.push(await insertJob(user.provider!, status, type));
        theirs.push(await insertJob(user.provider2!, status, type));
        staffs.push(await insertJob(user.staff!, status, type));
      }
    }
    for (const id of [...theirs, ...staffs]) {
      await expect(repo.get(own, id)).rejects.toMatchObject({ code: 'EXPORT_NOT_FOUND', status: 404 });
      expect(await repo.find(own, id)).toBeNull();
    }
    for (const id of mine) expect((await repo.get(own, id)).organisationId).toBe(user.provider!.org);

    const filters = [{}, ...EXPORT_STATUSES.map((status) => ({ status })), ...(['APPROVALS', 'RECEIPTS', 'BUDGET'] as const).map((type) => ({ type }))];
    for (const filter of filters) {
      const page = await repo.list(own, { ...filter, limit: 200 });
      expect(page.items.length).toBeGreaterThanOrEqual(0);
      for (const e of page.items) expect([e.organisationId, e.createdBy]).toEqual([user.provider!.org, user.provider!.id]);
      expect(await repo.count(own, filter)).toBe(page.items.length);
      expect(page.items.map((e) => e.id).filter((id) => theirs.includes(id) || staffs.includes(id))).toEqual([]);
    }
    expect(await repo.count(own, { status: 'QUEUED' })).toBeGreaterThanOrEqual(2);
    // Paging through the Träger's list yields its own exports only, each once.
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await repo.list(own, { limit: 3, cursor });
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(mine));
    expect(seen.filter((id) => !mine.includes(id))).toEqual([]);

    // A Träger's request is restricted to its organisation as the base decides it; staff are not restricted.
    expect(repo.restrictionOf(own)).toBe(user.provider!.org);
    expect(repo.restrictionOf(staff)).toBeNull();
    // Staff (not ADMIN) see the exports they requested; ADMIN sees every one.
    const staffList = await repo.list(staff, { limit: 200 });
    expect(staffList.items.every((e) => e.createdBy === user.staff!.id)).toBe(true);
    expect(await repo.count(admin)).toBeGreaterThanOrEqual(mine.length + theirs.length + staffs.length);

    // Over HTTP the same: another Träger's export answers 404.
    await t.http().get(`/api/v1/exports/${theirs[0]}`).set(bearer(tk.provider)).expect(404);
    const list = (await t.http().get('/api/v1/exports?limit=200').set(bearer(tk.provider)).expect(200)).body;
    expect(list.items.map((e: any) => e.id).filter((id: string) => !mine.includes(id))).toEqual([]);
  });

  it('ExportJob lifecycle over HTTP: the file of an export not COMPLETED is refused with 409; allowedActions before and after completion', async () => {
    const cases: [ExportStatus, string][] = [
      ['QUEUED', 'EXPORT_NOT_READY'],
      ['RUNNING', 'EXPORT_NOT_READY'],
      ['FAILED', 'EXPORT_FAILED'],
    ];
    for (const [status, code] of cases) {
      const id = await insertJob(user.provider!, status);
      const res = await t.http().get(`/api/v1/exports/${id}/file`).set(bearer(tk.provider));
      expect([status, res.status, res.body.code]).toEqual([status, 409, code]);
      const dto = (await t.http().get(`/api/v1/exports/${id}`).set(bearer(tk.provider)).expect(200)).body;
      expect([status, dto.allowedActions]).toEqual([status, []]);
    }
    // Before and after the worker's `complete`: the requester (Träger) may download; the list says the same.
    // A Kreis's ADMIN does not see a Träger's export: it may hold the Träger's records of other Kreise (issue 20).
    const id = await insertJob(user.provider!, 'RUNNING');
    expect((await t.http().get(`/api/v1/exports/${id}`).set(bearer(tk.provider)).expect(200)).body.allowedActions).toEqual([]);
    await t.db.query(`UPDATE export_job SET status = 'COMPLETED', file_key = 'exports/x.csv', sha256 = $2, file_size = 1 WHERE id = $1`, [id, 'b'.repeat(64)]);
    expect((await t.http().get(`/api/v1/exports/${id}`).set(bearer(tk.provider)).expect(200)).body.allowedActions).toEqual(['download']);
    await t.http().get(`/api/v1/exports/${id}`).set(bearer(tk.admin)).expect(404);
    const listed = (await t.http().get('/api/v1/exports?limit=200').set(bearer(tk.provider)).expect(200)).body.items.find((e: any) => e.id === id);
    expect(listed.allowedActions).toEqual(['download']);
    // Once the retention deleted the file, there is nothing to download.
    await t.db.query(`UPDATE export_job SET file_deleted_at = now() WHERE id = $1`, [id]);
    expect((await t.http().get(`/api/v1/exports/${id}`).set(bearer(tk.provider)).expect(200)).body.allowedActions).toEqual([]);
    // Another Träger sees none of it.
    await t.http().get(`/api/v1/exports/${id}`).set(bearer(tk.provider2)).expect(404);
  });

  // ───────────────────────────── export rows ─────────────────────────────

  const ctx = (organisationId: string | null, filters: ExportRunContext['filters'] = {}): ExportRunContext => ({
    filters,
    organisationId,
    timeZone: 'Europe/Berlin',
    today: '2026-11-25',
    asOf: '2026-11-25',
  });

  async function rowsOf(type: ExportType, c: ExportRunContext): Promise<Record<string, unknown>[]> {
    const q = EXPORT_DEFINITIONS[type].query(c);
    return (await t.db.query(q.sql, [...q.params])).rows;
  }

  it('export rows: run as a Träger, every type holds only its own organisation’s rows of issued decisions, whatever the filters name', async () => {
    const names = new Map<string, string>(
      (await t.db.query(`SELECT id, name FROM organisation WHERE id = ANY($1)`, [[user.provider!.org, user.provider2!.org]])).rows.map((r: any) => [r.id, r.name]),
    );
    const references = async (org: string, issuedOnly: boolean): Promise<Set<string>> =>
      new Set(
        (await t.db.query(`SELECT reference FROM decision WHERE provider_id = $1 ${issuedOnly ? 'AND current_version_no IS NOT NULL' : ''}`, [org])).rows.map((r: any) => r.reference),
      );
    let seenAny = false;
    // MONITORING's rows are groups (every Handlungsfeld, also with 0), not records: its Träger scope
    // is asserted on the figures in monitoring.e2e-spec.ts.
    for (const type of EXPORT_TYPES.filter((x) => EXPORT_TYPE_INFO[x].forProviders && x !== 'MONITORING')) {
      for (const [scope, theirs] of [
        [own, other],
        [other, own],
      ] as const) {
        const org = scope.organisationId!;
        const allowed = await references(org, true);
        const rows = await rowsOf(type, ctx(org));
        seenAny ||= rows.length > 0;
        for (const row of rows) {
          expect([type, row.provider_name]).toEqual([type, names.get(org)]);
          expect([type, allowed.has(String(row.reference))]).toEqual([type, true]);
        }
        // Naming the other Träger in the filter does not widen the restriction: nothing of theirs.
        const named = await rowsOf(type, ctx(org, { providerId: theirs.organisationId! }));
        expect([type, named.length]).toEqual([type, 0]);
      }
    }
    expect(seenAny).toBe(true);
  });

  it('export rows: the outcome of the Belegprüfung reaches a Träger only once its proof is SETTLED', async () => {
    const proof = (
      await t.db.query(
        `SELECT p.id, p.provider_id, p.status FROM proof_of_use p WHERE EXISTS (SELECT 1 FROM receipt r WHERE r.proof_id = p.id AND r.in_sample) ORDER BY p.reference LIMIT 1`,
      )
    ).rows[0];
    expect(proof).toBeDefined();
    const status = proof.status;
    try {
      await t.db.query(`UPDATE proof_of_use SET status = 'REVIEWED' WHERE id = $1`, [proof.id]);
      const hidden = await rowsOf('RECEIPTS', ctx(proof.provider_id, { proofId: proof.id }));
      expect(hidden.length).toBeGreaterThan(0);
      expect(hidden.every((r) => r.in_sample === null && r.review_status === null)).toBe(true);
      const staffRows = await rowsOf('RECEIPTS', ctx(null, { proofId: proof.id }));
      expect(staffRows.some((r) => r.in_sample === true)).toBe(true);
      await t.db.query(`UPDATE proof_of_use SET status = 'SETTLED' WHERE id = $1`, [proof.id]);
      const shown = await rowsOf('RECEIPTS', ctx(proof.provider_id, { proofId: proof.id }));
      expect(shown.some((r) => r.in_sample === true)).toBe(true);
    } finally {
      await t.db.query(`UPDATE proof_of_use SET status = $2 WHERE id = $1`, [proof.id, status]);
    }
  });

  // ───────────────────────────── letters ─────────────────────────────

  async function insertLetter(l: {
    kind: string;
    decisionId: string | null;
    applicationId?: string | null;
    providerId: string;
    proofId?: string | null;
    recoveryId?: string | null;
    status?: 'PENDING' | 'COMPLETED' | 'FAILED';
  }): Promise<string> {
    const status = l.status ?? 'COMPLETED';
    const done = status === 'COMPLETED';
    const row = await t.db.query(
      `INSERT INTO generated_document (kind, source_key, decision_id, application_id, provider_id, proof_id, recovery_id, status, file_name, storage_key, sha256, size_bytes, error)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'Schreiben.pdf', $9, $10, $11, $12) RETURNING id`,
      [
        l.kind,
        `test:${randomUUID()}`,
        l.decisionId,
        l.applicationId ?? null,
        l.providerId,
        l.proofId ?? null,
        l.recoveryId ?? null,
        status,
        done ? `letters/${randomUUID()}.pdf` : null,
        done ? 'c'.repeat(64) : null,
        done ? 100 : null,
        status === 'FAILED' ? 'Briefdaten fehlerhaft' : null,
      ],
    );
    return row.rows[0].id;
  }

  it('letters: a Träger never gets another Träger’s letter by get, list, count or any filter; a decision’s letters only once it is issued, a Prüfvermerk only after the Festsetzung', async () => {
    const repo = t.app.get(GeneratedDocumentRepository);
    const decisionOf = async (org: string, issued: boolean): Promise<{ id: string; application_id: string } | undefined> =>
      (
        await t.db.query(`SELECT id, application_id FROM decision WHERE provider_id = $1 AND current_version_no IS ${issued ? 'NOT ' : ''}NULL ORDER BY reference LIMIT 1`, [
          org,
        ])
      ).rows[0];
    const ownDecision = (await decisionOf(own.organisationId!, true))!;
    const otherDecision = (await decisionOf(other.organisationId!, true))!;
    expect([ownDecision, otherDecision].every(Boolean)).toBe(true);

    const mine = [
      await insertLetter({ kind: 'GRANT_DECISION', decisionId: ownDecision.id, providerId: own.organisationId! }),
      await insertLetter({ kind: 'RECEIPT_CONFIRMATION', decisionId: null, applicationId: ownDecision.application_id, providerId: own.organisationId! }),
    ];
    const theirs = [
      await insertLetter({ kind: 'GRANT_DECISION', decisionId: otherDecision.id, providerId: other.organisationId! }),
      await insertLetter({ kind: 'RECEIPT_CONFIRMATION', decisionId: null, applicationId: otherDecision.application_id, providerId: other.organisationId! }),
      await insertLetter({ kind: 'REJECTION', decisionId: otherDecision.id, providerId: other.organisationId!, status: 'FAILED' }),
    ];
    for (const id of theirs) {
      await expect(repo.get(own, id)).rejects.toMatchObject({ code: 'LETTER_NOT_FOUND', status: 404 });
      expect(await repo.find(own, id)).toBeNull();
      expect(await repo.find(staff, id)).not.toBeNull();
    }
    for (const id of mine) expect((await repo.get(own, id)).providerId).toBe(own.organisationId);

    const filters: LetterFilter[] = [
      {},
      { decisionId: otherDecision.id },
      { decisionId: ownDecision.id },
      { applicationId: otherDecision.application_id },
      { applicationId: ownDecision.application_id },
      { kind: 'GRANT_DECISION' as LetterFilter['kind'] },
      { kind: 'RECEIPT_CONFIRMATION' as LetterFilter['kind'] },
      { status: 'COMPLETED' },
      { status: 'FAILED' },
      { proofId: randomUUID() },
      { recoveryId: randomUUID() },
    ];
    for (const filter of filters) {
      const page = await repo.list(own, { ...filter, limit: 200 });
      for (const d of page.items) expect([JSON.stringify(filter), d.providerId]).toEqual([JSON.stringify(filter), own.organisationId]);
      expect(page.items.map((d) => d.id).filter((id) => theirs.includes(id))).toEqual([]);
      expect(await repo.count(own, filter)).toBe(page.items.length);
      expect((await repo.all(own, filter)).map((d) => d.id).sort()).toEqual(page.items.map((d) => d.id).sort());
    }
    expect((await repo.list(own, { decisionId: ownDecision.id, limit: 200 })).items.map((d) => d.id)).toContain(mine[0]);

    // "Issued only": a letter of a decision not yet issued is the Landratsamt's alone.
    const proposed = (await t.db.query(`SELECT id, provider_id FROM decision WHERE current_version_no IS NULL ORDER BY reference LIMIT 1`)).rows[0];
    expect(proposed).toBeDefined();
    {
      const letter = await insertLetter({ kind: 'GRANT_DECISION', decisionId: proposed.id, providerId: proposed.provider_id, status: 'PENDING' });
      const itsTraeger = traeger(randomUUID(), proposed.provider_id);
      expect(await repo.find(itsTraeger, letter)).toBeNull();
      expect(await repo.count(itsTraeger, { decisionId: proposed.id })).toBe(0);
      expect(await repo.find(staff, letter)).not.toBeNull();
    }

    // The Prüfvermerk: only after the Festsetzung (proof SETTLED).
    const proof = (await t.db.query(`SELECT id, decision_id, provider_id, status FROM proof_of_use ORDER BY reference LIMIT 1`)).rows[0];
    const review = await insertLetter({ kind: 'PROOF_REVIEW', decisionId: proof.decision_id, providerId: proof.provider_id, proofId: proof.id });
    const proofTraeger = traeger(randomUUID(), proof.provider_id);
    try {
      await t.db.query(`UPDATE proof_of_use SET status = 'REVIEWED' WHERE id = $1`, [proof.id]);
      expect(await repo.find(proofTraeger, review)).toBeNull();
      expect(await repo.count(proofTraeger, { proofId: proof.id, kind: 'PROOF_REVIEW' as LetterFilter['kind'] })).toBe(0);
      expect(await repo.find(staff, review)).not.toBeNull();
      await t.db.query(`UPDATE proof_of_use SET status = 'SETTLED' WHERE id = $1`, [proof.id]);
      expect(await repo.find(proofTraeger, review)).not.toBeNull();
      expect(await repo.count(proofTraeger, { proofId: proof.id })).toBe(1);
    } finally {
      await t.db.query(`UPDATE proof_of_use SET status = $2 WHERE id = $1`, [proof.id, proof.status]);
    }

    // Over HTTP: another Träger's letter answers 404.
    await t.http().get(`/api/v1/letters/${theirs[0]}`).set(bearer(tk.provider)).expect(404);
    await t.http().get(`/api/v1/letters/${theirs[0]}/file`).set(bearer(tk.provider)).expect(404);
  });

  it('letter lifecycle over HTTP: the PDF of a letter not COMPLETED is refused with 409; allowedActions for Träger and staff before and after completion', async () => {
    const decision = (await t.db.query(`SELECT id FROM decision WHERE provider_id = $1 AND current_version_no IS NOT NULL ORDER BY reference LIMIT 1`, [own.organisationId])).rows[0];
    for (const [status, code] of [
      ['PENDING', 'LETTER_NOT_READY'],
      ['FAILED', 'LETTER_FAILED'],
    ] as const) {
      const id = await insertLetter({ kind: 'AMENDMENT', decisionId: decision.id, providerId: own.organisationId!, status });
      for (const token of [tk.provider, tk.staff]) {
        const res = await t.http().get(`/api/v1/letters/${id}/file`).set(bearer(token));
        expect([status, res.status, res.body.code]).toEqual([status, 409, code]);
        // a failed letter may be tried again by the Kreis (issue 16), never by the Träger
        const expected = status === 'FAILED' && token === tk.staff ? ['retry'] : [];
        expect((await t.http().get(`/api/v1/letters/${id}`).set(bearer(token)).expect(200)).body.allowedActions).toEqual(expected);
      }
    }
    const id = await insertLetter({ kind: 'AMENDMENT', decisionId: decision.id, providerId: own.organisationId!, status: 'PENDING' });
    await t.db.query(`UPDATE generated_document SET status = 'COMPLETED', storage_key = 'letters/x.pdf', sha256 = $2, size_bytes = 1 WHERE id = $1`, [id, 'd'.repeat(64)]);
    for (const token of [tk.provider, tk.staff]) {
      expect((await t.http().get(`/api/v1/letters/${id}`).set(bearer(token)).expect(200)).body.allowedActions).toEqual(['download']);
      const listed = (await t.http().get(`/api/v1/decisions/${decision.id}/letters`).set(bearer(token)).expect(200)).body.items.find((d: any) => d.id === id);
      expect(listed.allowedActions).toEqual(['download']);
    }
  });

  // ───────────────────────────── job administration ─────────────────────────────

  it('job administration: the action and its audit event are one use case; a refused action leaves no event', async () => {
    const events = async (action: string): Promise<any[]> => (await t.db.query(`SELECT entity_id, actor_id FROM audit_event WHERE action = $1 ORDER BY id`, [action])).rows;
    const before = (await events('job.run')).length;
    const run = (await t.http().post('/api/v1/admin/schedules/letters.scan/run').set(bearer(tk.admin)).expect(202)).body;
    const after = await events('job.run');
    expect(after.length).toBe(before + 1);
    expect(after[after.length - 1]).toMatchObject({ entity_id: `letters/${run.jobId}`, actor_id: user.admin!.id });
    // A job that is not failed (it waits) cannot be retried: 409 and no job.retry event.
    const retries = (await events('job.retry')).length;
    const res = await t.http().post(`/api/v1/admin/jobs/letters/${run.jobId}/retry`).set(bearer(tk.admin));
    expect([res.status, res.body.code]).toEqual([409, 'JOB_NOT_FAILED']);
    await t.http().post(`/api/v1/admin/jobs/letters/gibt-es-nicht/retry`).set(bearer(tk.admin)).expect(404);
    expect((await events('job.retry')).length).toBe(retries);
  });
});
