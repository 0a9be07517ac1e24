import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type Scope, systemScope } from '@foerderfluss/core';
import { ScopedRepository, timestampSortKey, type RepositoryDefinition } from '@foerderfluss/database';
import { decisionIssuedCondition, DecisionOutcome, DecisionVersion, Instrument, VersionStatus } from '@foerderfluss/decisions';
import { ProofOfUse, receiptReviewVisibleCondition } from '@foerderfluss/proof-of-use';
import { conditionalStep } from '../lifecycle-steps';
import { type DocumentStatus, GeneratedDocument, LetterKind } from './generated-document.entity';
import { LETTER_LIFECYCLE, type LetterAction } from './letter-state';
import { letterNotFound } from './letters.errors';

/** The filters of a letter list; each is declared once below. */
export interface LetterFilter {
  decisionId?: string;
  applicationId?: string;
  recoveryId?: string;
  proofId?: string;
  kind?: LetterKind;
  status?: DocumentStatus;
}

/** A letter due for a source (decision version, recovery, Prüfvermerk, submitted Antrag version). */
export interface LetterCandidate {
  kind: LetterKind;
  sourceKey: string;
  decisionId: string | null;
  applicationId: string | null;
  providerId: string;
  decisionVersionId: string | null;
  versionNo: number | null;
  recoveryId: string | null;
  proofId: string | null;
  dunningId: string | null;
  fileName: string;
}

/** `UPDATE … RETURNING` through the query runner answers [rows, affected]. */
type Returning<R> = [R[], number];

/**
 * Letters as the caller may see them: a Träger its own organisation's (the base), a decision's
 * letters only once the decision is issued, and a Prüfvermerk only once the Festsetzung is made;
 * staff and auditors all. The worker's steps are conditional UPDATEs from the lifecycle table.
 */
@Injectable()
export class GeneratedDocumentRepository extends ScopedRepository<GeneratedDocument, LetterFilter> {
  protected readonly definition: RepositoryDefinition<GeneratedDocument, LetterFilter> = {
    entity: GeneratedDocument,
    alias: 'g',
    joins: (qb) => qb.leftJoin('g.decision', 'd').leftJoin(ProofOfUse, 'proof', 'proof.id = g.proof_id'),
    visibility: {
      providerColumn: 'g.provider_id',
      providerCondition: `(g.decision_id IS NULL OR ${decisionIssuedCondition('d')}) AND (g.kind <> '${LetterKind.PROOF_REVIEW}' OR ${receiptReviewVisibleCondition('proof')})`,
      districtColumn: 'g.district_id',
    },
    sort: {
      createdAt: timestampSortKey('g.created_at', (g) => g.createdAt),
      versionNo: { sql: 'COALESCE(g.version_no, 0)', value: (g) => g.versionNo ?? 0 },
      kind: { sql: 'g.kind', value: (g) => g.kind },
      fileName: { sql: 'g.file_name', value: (g) => g.fileName },
    },
    defaultSort: ['createdAt', 'versionNo'],
    filters: {
      decisionId: (qb, v) => qb.andWhere('g.decision_id = :decisionId', { decisionId: v }),
      applicationId: (qb, v) => qb.andWhere('g.application_id = :applicationId', { applicationId: v }),
      recoveryId: (qb, v) => qb.andWhere('g.recovery_id = :recoveryId', { recoveryId: v }),
      proofId: (qb, v) => qb.andWhere('g.proof_id = :proofId', { proofId: v }),
      kind: (qb, v) => qb.andWhere('g.kind = :kind', { kind: v }),
      status: (qb, v) => qb.andWhere('g.status = :status', { status: v }),
    },
    notFound: letterNotFound,
  };

  /** Every letter of one source record the caller may see, oldest first (the lists are short: no paging). */
  async all(scope: Scope, filter: LetterFilter, em: EntityManager = this.tx.manager): Promise<GeneratedDocument[]> {
    const qb = this.scoped(scope, em);
    this.applyFilters(qb, filter);
    return qb.orderBy('g.created_at', 'ASC').addOrderBy('g.version_no', 'ASC', 'NULLS LAST').getMany();
  }

  // ───────────────────────────── creating ─────────────────────────────

  /** Inserts the letters not there yet (one per source); the ids of those inserted. */
  async insertMissing(em: EntityManager, candidates: LetterCandidate[], requestedBy: string | null): Promise<{ id: string; kind: LetterKind }[]> {
    const created: { id: string; kind: LetterKind }[] = [];
    for (const c of candidates) {
      const rows = (await em.query(
        `INSERT INTO generated_document (kind, source_key, decision_id, application_id, provider_id, decision_version_id, version_no, recovery_id, proof_id, dunning_id, status, file_name, requested_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'PENDING', $11, $12)
         ON CONFLICT (source_key) DO NOTHING RETURNING id`,
        [c.kind, c.sourceKey, c.decisionId, c.applicationId, c.providerId, c.decisionVersionId, c.versionNo, c.recoveryId, c.proofId, c.dunningId, c.fileName, requestedBy],
      )) as { id: string }[];
      if (rows[0]) created.push({ id: rows[0].id, kind: c.kind });
    }
    return created;
  }

  /** Submitted Antrag versions without an Eingangsbestätigung (of one Antrag, or all). */
  async applicationVersionsWithoutLetter(em: EntityManager, applicationId: string | null) {
    return (await em.query(
      `SELECT v.id, v.application_id, v.version_no, a.provider_id, a.reference
         FROM application_version v JOIN application a ON a.id = v.application_id
        WHERE ($1::uuid IS NULL OR v.application_id = $1)
          AND NOT EXISTS (SELECT 1 FROM generated_document g WHERE g.source_key = 'application-version:' || v.id::text)
        ORDER BY a.reference, v.version_no`,
      [applicationId],
    )) as { id: string; application_id: string; version_no: number; provider_id: string; reference: string }[];
  }

  /** Approved decision versions without a letter (of one decision, or all). */
  async approvedVersionsWithoutLetter(em: EntityManager, decisionId: string | null) {
    return (await em.query(
      `SELECT v.id, v.decision_id, v.version_no, v.kind, v.status, d.outcome, d.instrument, d.provider_id, d.reference
         FROM decision_version v JOIN decision d ON d.id = v.decision_id
        WHERE v.status = $1 AND ($2::uuid IS NULL OR v.decision_id = $2)
          AND NOT EXISTS (SELECT 1 FROM generated_document g WHERE g.source_key = 'version:' || v.id::text)
        ORDER BY d.reference, v.version_no`,
      [VersionStatus.APPROVED, decisionId],
    )) as {
      id: string;
      decision_id: string;
      version_no: number;
      kind: DecisionVersion['kind'];
      status: VersionStatus;
      outcome: DecisionOutcome;
      instrument: Instrument;
      provider_id: string;
      reference: string;
    }[];
  }

  /** Recoveries without a letter (of one decision or recovery, or all). */
  async recoveriesWithoutLetter(em: EntityManager, decisionId: string | null, recoveryId: string | null) {
    return (await em.query(
      `SELECT r.id, r.decision_id, r.provider_id, r.instrument, d.reference
         FROM recovery r JOIN decision d ON d.id = r.decision_id
        WHERE ($1::uuid IS NULL OR r.decision_id = $1) AND ($2::uuid IS NULL OR r.id = $2)
          AND NOT EXISTS (SELECT 1 FROM generated_document g WHERE g.source_key = 'recovery:' || r.id::text)
        ORDER BY d.reference`,
      [decisionId, recoveryId],
    )) as { id: string; decision_id: string; provider_id: string; instrument: string; reference: string }[];
  }

  /** Completed Prüfvermerke without a letter (of one decision or proof, or all). */
  async completedReviewsWithoutLetter(em: EntityManager, decisionId: string | null, proofId: string | null) {
    return (await em.query(
      `SELECT pr.id, p.id AS proof_id, p.decision_id, p.provider_id, p.reference
         FROM proof_review pr JOIN proof_of_use p ON p.id = pr.proof_id
        WHERE pr.status = 'COMPLETED' AND ($1::uuid IS NULL OR p.decision_id = $1) AND ($2::uuid IS NULL OR p.id = $2)
          AND NOT EXISTS (SELECT 1 FROM generated_document g WHERE g.source_key = 'proof-review:' || pr.id::text)
        ORDER BY p.reference`,
      [decisionId, proofId],
    )) as { id: string; proof_id: string; decision_id: string; provider_id: string; reference: string }[];
  }

  /** Approved Festsetzungen with nothing to recover and without a letter (of one decision or proof, or all). */
  async settlementsWithoutLetter(em: EntityManager, decisionId: string | null, proofId: string | null) {
    return (await em.query(
      `SELECT s.id, s.proof_id, s.decision_id, d.provider_id, d.reference, d.instrument
         FROM settlement s JOIN decision d ON d.id = s.decision_id
        WHERE s.status = 'APPROVED' AND s.recovery_amount = 0 AND ($1::uuid IS NULL OR s.decision_id = $1) AND ($2::uuid IS NULL OR s.proof_id = $2)
          AND NOT EXISTS (SELECT 1 FROM generated_document g WHERE g.source_key = 'settlement:' || s.id::text)
        ORDER BY d.reference`,
      [decisionId, proofId],
    )) as { id: string; proof_id: string; decision_id: string; provider_id: string; reference: string; instrument: string }[];
  }

  /** Mahnungen without a letter (of one decision, recovery or Mahnung, or all). */
  async dunningsWithoutLetter(em: EntityManager, only: { decisionId: string | null; recoveryId: string | null; dunningId: string | null }) {
    return (await em.query(
      `SELECT n.id, n.recovery_id, n.level, r.decision_id, r.provider_id, r.reference
         FROM recovery_dunning n JOIN recovery r ON r.id = n.recovery_id
        WHERE ($1::uuid IS NULL OR r.decision_id = $1) AND ($2::uuid IS NULL OR n.recovery_id = $2) AND ($3::uuid IS NULL OR n.id = $3)
          AND NOT EXISTS (SELECT 1 FROM generated_document g WHERE g.source_key = 'dunning:' || n.id::text)
        ORDER BY r.reference, n.level`,
      [only.decisionId, only.recoveryId, only.dunningId],
    )) as { id: string; recovery_id: string; level: number; decision_id: string; provider_id: string; reference: string }[];
  }

  /** Whether the proof's review is completed (a Prüfvermerk can be written). */
  async reviewCompleted(proofId: string): Promise<boolean> {
    const rows = (await this.tx.manager.query(`SELECT 1 FROM proof_review WHERE proof_id = $1 AND status = 'COMPLETED'`, [proofId])) as unknown[];
    return rows.length > 0;
  }

  // ───────────────────────────── the worker (system scope, any row) ─────────────────────────────

  /** Letters waiting for the worker, queued or taken (also those whose job was lost), oldest first. */
  async waiting(limit: number): Promise<{ id: string; retryCount: number }[]> {
    const rows = (await this.tx.manager.query(
      `SELECT id, retry_count FROM generated_document WHERE status IN ('PENDING', 'RENDERING') ORDER BY created_at LIMIT $1`,
      [limit],
    )) as { id: string; retry_count: number }[];
    return rows.map((r) => ({ id: r.id, retryCount: r.retry_count }));
  }

  /**
   * Letters still waiting for the worker (PENDING, RENDERING), oldest first; `olderThanSeconds`:
   * created that long ago; `id`: that one only. With the stored job id and the retry count (its job key), for the
   * reconciler and the admin retry.
   */
  async openRecords(filter: { olderThanSeconds?: number; id?: string }, limit: number): Promise<{ id: string; status: DocumentStatus; jobId: string | null; retryCount: number }[]> {
    const rows = (await this.tx.manager.query(
      `SELECT id, status, job_id, retry_count FROM generated_document
        WHERE status IN ('PENDING', 'RENDERING') AND ($1::float8 IS NULL OR created_at < now() - make_interval(secs => $1)) AND ($2::uuid IS NULL OR id = $2)
        ORDER BY created_at LIMIT $3`,
      [filter.olderThanSeconds ?? null, filter.id ?? null, limit],
    )) as { id: string; status: DocumentStatus; job_id: string | null; retry_count: number }[];
    return rows.map((r) => ({ id: r.id, status: r.status, jobId: r.job_id, retryCount: r.retry_count }));
  }

  /** retry: FAILED letters back to the queue, each counting one more retry (its next job key). */
  async retryFailed(em: EntityManager, ids: readonly string[]): Promise<{ id: string; retryCount: number }[]> {
    if (ids.length === 0) return [];
    const step = conditionalStep(LETTER_LIFECYCLE, 'retry', systemScope());
    const [rows] = (await em.query(
      `UPDATE generated_document SET status = $2, error = NULL, job_id = NULL, retry_count = retry_count + 1
        WHERE id = ANY($1) AND status = ANY($3) RETURNING id, retry_count`,
      [[...ids], step.to, step.from],
    )) as Returning<{ id: string; retry_count: number }>;
    return rows.map((r) => ({ id: r.id, retryCount: r.retry_count }));
  }

  async setJobId(documentId: string, jobId: string): Promise<void> {
    await this.tx.manager.query(`UPDATE generated_document SET job_id = $2 WHERE id = $1 AND job_id IS DISTINCT FROM $2`, [documentId, jobId]);
  }

  async findForWorker(id: string, em: EntityManager = this.tx.manager): Promise<GeneratedDocument | null> {
    return em.getRepository(GeneratedDocument).findOneBy({ id });
  }

  /** start: a render attempt begins (RENDERING), counted. */
  async startAttempt(id: string, jobId: string): Promise<void> {
    const step = this.step('start');
    await this.tx.manager.query(`UPDATE generated_document SET status = $3, attempts = attempts + 1, job_id = $2 WHERE id = $1 AND status = ANY($4)`, [id, jobId, step.to, step.from]);
  }

  /** complete: the PDF is stored; false when another run completed it first. */
  async complete(em: EntityManager, id: string, file: { key: string; sha256: string; size: number; pageCount: number; model: object }): Promise<boolean> {
    const step = this.step('complete');
    const [, affected] = (await em.query(
      `UPDATE generated_document SET status = $7, storage_key = $2, sha256 = $3, size_bytes = $4, page_count = $5, model = $6,
              error = NULL, completed_at = now()
        WHERE id = $1 AND status = ANY($8) RETURNING id`,
      [id, file.key, file.sha256, file.size, file.pageCount, JSON.stringify(file.model), step.to, step.from],
    )) as Returning<unknown>;
    return affected > 0;
  }

  /** fail: the last attempt failed (or the model was refused); a completed letter stays completed. */
  async fail(id: string, error: string): Promise<void> {
    const step = this.step('fail');
    await this.tx.manager.query(`UPDATE generated_document SET status = $3, error = $2 WHERE id = $1 AND status = ANY($4)`, [id, error.slice(0, 2000), step.to, step.from]);
  }

  private step(action: LetterAction): { from: DocumentStatus[]; to: DocumentStatus } {
    return conditionalStep(LETTER_LIFECYCLE, action, systemScope());
  }
}
