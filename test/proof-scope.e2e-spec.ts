/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are asserted by value */
import { FixedClock, Role, Scope } from '@foerderfluss/core';
import {
  ProofAttachmentRepository,
  ProofOfUseRepository,
  ProofReviewRepository,
  ReceiptImportRepository,
  ReceiptRepository,
  receiptReviewVisibleCondition,
  StateProofRepository,
} from '@foerderfluss/proof-of-use';
import { bearer, createTestContext, DEMO, TestContext } from './support/harness';
import { createBudgetYear, createPublishedCall } from './support/fixtures';
import { approvedDecision, Tokens } from './support/flow';
import { demoPdf } from '../seeds/demo/attachments';

/**
 * The proof-of-use repositories apply the Träger scope themselves (issue 15): a Träger's scope never
 * returns another Träger's row, for get, list, count and every declared filter; a Träger sees a
 * proof (and its Belege, Importe, Anlagen) only for an issued decision; Prüfvermerke and the Kreis's
 * VN to the Land are staff-only.
 */
describe('proof of use repositories: Träger scope', () => {
  let t: TestContext;
  let tk: Tokens;
  let yearId: string;
  const clock = () => t.clock as FixedClock;
  /** Per Träger: its proof, a Beleg, an import, an Anlage, the review. */
  const own: Record<'a' | 'b', { org: string; scope: Scope; decisionId: string; proofId: string; receiptId: string; importId: string; attachmentId: string; reviewId: string }> = {} as never;
  let staff: Scope;
  let auditor: Scope;

  const ok = async <T = any>(req: PromiseLike<{ status: number; body: T }>, status = 200): Promise<T> => {
    const res = await req;
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };

  async function userScope(email: string, roles: Role[]): Promise<Scope> {
    const { rows } = await t.db.query('SELECT id, organisation_id FROM app_user WHERE email = $1', [email]);
    return { userId: rows[0].id, email, roles, organisationId: rows[0].organisation_id, requestId: null };
  }

  /** A proof of this Träger with one Beleg, one (failed) import, one Anlage and a started review. */
  async function proofOf(token: string, decisionId: string): Promise<{ proofId: string; receiptId: string; importId: string; attachmentId: string; reviewId: string }> {
    const p = await ok(t.http().post('/api/v1/proofs-of-use').set(bearer(token)).send({ decisionId, kind: 'FINAL' }), 201);
    const r = await ok(
      t
        .http()
        .post(`/api/v1/proofs-of-use/${p.id}/receipts`)
        .set(bearer(token))
        .send({ receiptNumber: 'S-1', receiptDate: '2025-03-10', paymentDate: '2025-03-12', counterparty: 'Vermieter', reason: 'Miete', direction: 'EXPENSE', costCategory: 'MATERIAL_ADMIN', grossAmount: '100.00' }),
      201,
    );
    const { rows: imp } = await t.db.query(
      `INSERT INTO receipt_import (proof_id, status, format, mode, file_key, original_name, size_bytes) VALUES ($1, 'FAILED', 'CSV', 'REPLACE', 'x', 'x.csv', 1) RETURNING id`,
      [p.id],
    );
    const up = await ok(
      t.http().post(`/api/v1/proofs-of-use/${p.id}/attachments`).set(bearer(token)).field('kind', 'OTHER').attach('file', demoPdf(['Anlage', 'Scope']), 'anlage.pdf'),
      201,
    );
    await t.db.query(`UPDATE proof_of_use SET status = 'SUBMITTED' WHERE id = $1`, [p.id]);
    const review = await ok(t.http().post(`/api/v1/proofs-of-use/${p.id}/review`).set(bearer(tk.staff)), 201);
    return { proofId: p.id, receiptId: r.id, importId: imp[0].id, attachmentId: up.id, reviewId: review.id };
  }

  beforeAll(async () => {
    t = await createTestContext({ now: '2024-12-02T09:00:00+01:00' });
    const [admin, staffToken, approver, provider, provider2, auditorToken] = await Promise.all(
      [DEMO.admin, DEMO.staff, DEMO.approver, DEMO.provider, DEMO.provider2, DEMO.auditor].map((e) => t.login(e)),
    );
    tk = { admin: admin!, staff: staffToken!, approver: approver!, provider: provider!, provider2: provider2!, auditor: auditorToken! };
    const y = await createBudgetYear(t, tk.admin, 2025, { state: '400000.00', district: '100000.00' });
    yearId = y.id;
    const call = await createPublishedCall(t, tk.staff, yearId, { openingDate: '2024-09-01', deadline: '2024-12-15' });
    const base = { yearId, callId: call.id, year: 2025, financingType: 'DEFICIT' as const, application: { periodEnd: '2025-06-30' } };
    const decisionA = await approvedDecision(t, tk, base);
    const decisionB = await approvedDecision(t, { ...tk, provider: tk.provider2 }, base);
    clock().set('2025-07-20T10:00:00+02:00');
    const a = await proofOf(tk.provider, decisionA.id);
    const b = await proofOf(tk.provider2, decisionB.id);
    const scopeA = await userScope(DEMO.provider, [Role.PROVIDER]);
    const scopeB = await userScope(DEMO.provider2, [Role.PROVIDER]);
    own.a = { org: scopeA.organisationId!, scope: scopeA, decisionId: decisionA.id, ...a };
    own.b = { org: scopeB.organisationId!, scope: scopeB, decisionId: decisionB.id, ...b };
    staff = await userScope(DEMO.staff, [Role.STAFF]);
    auditor = await userScope(DEMO.auditor, [Role.AUDITOR]);
    await ok(t.http().put(`/api/v1/state-proofs/${yearId}/own-costs`).set(bearer(tk.staff)).send({ ownEligibleCosts: '10.00' }));
  });
  afterAll(() => t.close());

  const pairs = () =>
    [
      [own.a, own.b],
      [own.b, own.a],
    ] as const;

  it('ProofOfUseRepository: get, list, count and every filter return only the own proof', async () => {
    const repo = t.app.get(ProofOfUseRepository);
    for (const [me, other] of pairs()) {
      expect((await repo.get(me.scope, me.proofId)).id).toBe(me.proofId);
      await expect(repo.get(me.scope, other.proofId)).rejects.toMatchObject({ code: 'PROOF_NOT_FOUND', status: 404 });
      expect(await repo.find(me.scope, other.proofId)).toBeNull();
      expect((await repo.list(me.scope, {})).items.map((p) => p.id)).toEqual([me.proofId]);
      expect(await repo.count(me.scope)).toBe(1);
      const filters = [{ decisionId: other.decisionId }, { status: 'IN_REVIEW' as never }, { kind: 'FINAL' as never }, { budgetYearId: yearId }];
      for (const f of filters) {
        expect((await repo.list(me.scope, f)).items.map((p) => p.providerId)).toEqual(f === filters[0] ? [] : [me.org]);
        expect(await repo.count(me.scope, f)).toBe(f === filters[0] ? 0 : 1);
      }
    }
    for (const s of [staff, auditor]) expect(await repo.count(s, { budgetYearId: yearId })).toBe(2);
  });

  it('ReceiptRepository: the Belege of the own proof only, also by proof and by sample', async () => {
    const repo = t.app.get(ReceiptRepository);
    for (const [me, other] of pairs()) {
      expect((await repo.get(me.scope, me.receiptId)).id).toBe(me.receiptId);
      await expect(repo.get(me.scope, other.receiptId)).rejects.toMatchObject({ code: 'RECEIPT_NOT_FOUND', status: 404 });
      expect((await repo.list(me.scope, {})).items.map((r) => r.id)).toEqual([me.receiptId]);
      expect(await repo.count(me.scope)).toBe(1);
      expect((await repo.list(me.scope, { proofId: other.proofId })).items).toEqual([]);
      expect(await repo.count(me.scope, { proofId: other.proofId })).toBe(0);
      expect((await repo.list(me.scope, { inSample: false })).items.map((r) => r.id)).toEqual([me.receiptId]);
      expect(await repo.count(me.scope, { inSample: false })).toBe(1);
    }
    // staff see both (the demo data adds more Belege of its own)
    for (const x of [own.a, own.b]) expect(await repo.count(staff, { proofId: x.proofId })).toBe(1);
  });

  it('ReceiptImportRepository and ProofAttachmentRepository: the own imports and Anlagen only, also by proof', async () => {
    const imports = t.app.get(ReceiptImportRepository);
    const attachments = t.app.get(ProofAttachmentRepository);
    for (const [me, other] of pairs()) {
      expect((await imports.get(me.scope, me.importId)).id).toBe(me.importId);
      await expect(imports.get(me.scope, other.importId)).rejects.toMatchObject({ status: 404 });
      expect((await imports.list(me.scope, {})).items.map((i) => i.id)).toEqual([me.importId]);
      expect(await imports.count(me.scope)).toBe(1);
      expect((await imports.list(me.scope, { proofId: other.proofId })).items).toEqual([]);
      expect(await imports.count(me.scope, { proofId: other.proofId })).toBe(0);

      expect((await attachments.get(me.scope, me.attachmentId)).id).toBe(me.attachmentId);
      await expect(attachments.get(me.scope, other.attachmentId)).rejects.toMatchObject({ status: 404 });
      expect((await attachments.list(me.scope, {})).items.map((a) => a.id)).toEqual([me.attachmentId]);
      expect(await attachments.count(me.scope)).toBe(1);
      expect((await attachments.list(me.scope, { proofId: other.proofId })).items).toEqual([]);
      expect(await attachments.count(me.scope, { proofId: other.proofId })).toBe(0);
    }
    for (const x of [own.a, own.b]) {
      expect(await imports.count(staff, { proofId: x.proofId })).toBe(1);
      expect(await attachments.count(auditor, { proofId: x.proofId })).toBe(1);
    }
  });

  it('ProofReviewRepository and StateProofRepository are staff-only: a Träger gets nothing, not even its own', async () => {
    const reviews = t.app.get(ProofReviewRepository);
    const stateProofs = t.app.get(StateProofRepository);
    for (const [me] of pairs()) {
      await expect(reviews.get(me.scope, me.reviewId)).rejects.toMatchObject({ status: 404 });
      expect((await reviews.list(me.scope, {})).items).toEqual([]);
      expect(await reviews.count(me.scope)).toBe(0);
      expect(await reviews.count(me.scope, { proofId: me.proofId })).toBe(0);
      expect((await stateProofs.list(me.scope, {})).items).toEqual([]);
      expect(await stateProofs.count(me.scope, { budgetYearId: yearId })).toBe(0);
    }
    for (const x of [own.a, own.b]) expect(await reviews.count(staff, { proofId: x.proofId })).toBe(1);
    expect(await stateProofs.count(auditor, { budgetYearId: yearId })).toBe(1);
  });

  it('issued only: a Träger sees no proof, Beleg, import or Anlage of a decision that is not issued, staff still do', async () => {
    const proofs = t.app.get(ProofOfUseRepository);
    const receipts = t.app.get(ReceiptRepository);
    const imports = t.app.get(ReceiptImportRepository);
    const attachments = t.app.get(ProofAttachmentRepository);
    const { rows } = await t.db.query('SELECT current_version_no FROM decision WHERE id = $1', [own.a.decisionId]);
    const version = rows[0].current_version_no as number;
    await t.db.query('ALTER TABLE decision DISABLE TRIGGER USER');
    try {
      await t.db.query('UPDATE decision SET current_version_no = NULL WHERE id = $1', [own.a.decisionId]);
      const me = own.a.scope;
      await expect(proofs.get(me, own.a.proofId)).rejects.toMatchObject({ code: 'PROOF_NOT_FOUND' });
      expect(await proofs.count(me)).toBe(0);
      expect(await receipts.count(me)).toBe(0);
      expect(await imports.count(me)).toBe(0);
      expect(await attachments.count(me)).toBe(0);
      expect((await proofs.get(staff, own.a.proofId)).id).toBe(own.a.proofId);
      expect(await receipts.count(staff, { proofId: own.a.proofId })).toBe(1);
      // over HTTP the same: the Träger's proof is not found
      await t.http().get(`/api/v1/proofs-of-use/${own.a.proofId}`).set(bearer(tk.provider)).expect(404);
    } finally {
      await t.db.query('UPDATE decision SET current_version_no = $2 WHERE id = $1', [own.a.decisionId, version]);
      await t.db.query('ALTER TABLE decision ENABLE TRIGGER USER');
    }
    expect(await proofs.count(own.a.scope)).toBe(1);
  });

  it('the sample is visible to the Träger after SETTLED: one condition for the api and the receipts export', async () => {
    // the sample of A's proof is drawn (staff), A's Träger cannot see it or filter by it while the proof is not settled
    await ok(t.http().post(`/api/v1/proofs-of-use/${own.a.proofId}/review/sample`).set(bearer(tk.staff)).send({ seed: 'scope' }));
    const staffView = await ok(t.http().get(`/api/v1/proofs-of-use/${own.a.proofId}/receipts?inSample=true`).set(bearer(tk.staff)));
    expect(staffView.items.map((r: any) => r.inSample)).toEqual([true]);
    const before = await ok(t.http().get(`/api/v1/proofs-of-use/${own.a.proofId}/receipts?inSample=true`).set(bearer(tk.provider)));
    expect(before.items.map((r: any) => [r.inSample, r.sampleReason])).toEqual([[false, null]]);
    const receipts = t.app.get(ReceiptRepository);
    const proof = await t.app.get(ProofOfUseRepository).get(own.a.scope, own.a.proofId);
    expect(receipts.reviewVisible(own.a.scope, proof)).toBe(false);
    expect(receipts.reviewVisible(staff, proof)).toBe(true);
    const visibleSql = async () =>
      (await t.db.query(`SELECT ${receiptReviewVisibleCondition('pu')} AS visible FROM proof_of_use pu WHERE pu.id = $1`, [own.a.proofId])).rows[0].visible as boolean;
    expect(await visibleSql()).toBe(false);

    await t.db.query(`UPDATE proof_of_use SET status = 'SETTLED' WHERE id = $1`, [own.a.proofId]);
    const after = await ok(t.http().get(`/api/v1/proofs-of-use/${own.a.proofId}/receipts?inSample=true`).set(bearer(tk.provider)));
    expect(after.items.map((r: any) => r.inSample)).toEqual([true]);
    expect(receipts.reviewVisible(own.a.scope, { ...proof, status: 'SETTLED' } as never)).toBe(true);
    expect(await visibleSql()).toBe(true);
  });
});
