import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { Inject, Injectable, Provider } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, DomainError, hasRole, Role, Scope, systemScope } from '@foerderfluss/core';
import { FileStorage, LocalFileStorage, TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { ApplicationsService } from '@foerderfluss/applications';
import { DecisionOutcome, DecisionsService, DecisionVersion, Instrument, VersionStatus } from '@foerderfluss/decisions';
import { ProofOfUse, ProofReview, ProofsService, ProofStatus, RecoveriesService } from '@foerderfluss/proof-of-use';
import { GeneratedDocument, LetterKind } from './generated-document.entity';
import { letterKindForVersion, LetterModelBuilder } from './letter-model-builder';

export const LETTER_FILE_STORAGE = Symbol('LETTER_FILE_STORAGE');

export const letterFileStorageProvider: Provider = {
  provide: LETTER_FILE_STORAGE,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): FileStorage => LocalFileStorage.fromConfig(config),
};

export const letterNotFound = (): DomainError => new DomainError('LETTER_NOT_FOUND', 404, 'Das Schreiben wurde nicht gefunden.');
export const letterNotReady = (doc: Pick<GeneratedDocument, 'status' | 'error'>): DomainError =>
  doc.status === 'FAILED'
    ? new DomainError('LETTER_FAILED', 409, `Das Schreiben konnte nicht erzeugt werden: ${doc.error ?? 'unbekannter Fehler'}`)
    : new DomainError('LETTER_NOT_READY', 409, 'Das Schreiben wird gerade erzeugt. Bitte versuchen Sie es in wenigen Sekunden erneut.');
export const noLetterForDecision = (): DomainError =>
  new DomainError('LETTER_NOT_AVAILABLE', 409, 'Zu dieser Entscheidung gibt es noch kein Schreiben: Es ist keine Fassung freigegeben.');

/** A letter still to render: the sweep and the request hand these ids to the worker. */
export interface NewDocument {
  id: string;
  kind: LetterKind;
}

interface Candidate {
  kind: LetterKind;
  sourceKey: string;
  decisionId: string | null;
  applicationId: string | null;
  providerId: string;
  decisionVersionId: string | null;
  versionNo: number | null;
  recoveryId: string | null;
  proofId: string | null;
  fileName: string;
}

const FILE_PREFIX: Record<LetterKind, string> = {
  GRANT_DECISION: 'Zuwendungsbescheid',
  FORWARDING_CONTRACT: 'Weiterleitungsvertrag',
  AMENDMENT: 'Änderungsbescheid',
  REJECTION: 'Ablehnungsbescheid',
  RECOVERY: 'Rückforderungsbescheid',
  PROOF_REVIEW: 'Prüfvermerk',
  RECEIPT_CONFIRMATION: 'Eingangsbestaetigung',
};

/** `Zuwendungsbescheid_FF-2026-0001_v1.pdf`; a `/` in a reference becomes `-`. */
export function letterFileName(kind: LetterKind, reference: string, versionNo: number | null, instrument?: string): string {
  const prefix = kind === LetterKind.RECOVERY && instrument === Instrument.VERTRAG ? 'Zahlungsaufforderung' : FILE_PREFIX[kind];
  const version = versionNo !== null && kind !== LetterKind.REJECTION && !(kind === LetterKind.RECEIPT_CONFIRMATION && versionNo === 1) ? `_v${versionNo}` : '';
  return `${prefix}_${reference.replace(/[/\\]/g, '-')}${version}.pdf`;
}

/**
 * The letters as documents (issue 9 item 5): which exist, who may read them, and their generation.
 * A letter is due when a decision version is approved, a recovery is opened or a Prüfvermerk is
 * completed. Staff may ask for it at once (POST …/letters); a sweep in the worker (LETTERS_SCAN_CRON)
 * creates whatever is still missing, so a letter is never lost when the queue was down at the time.
 * Both write the generated_document row first (unique per source), then the worker renders it.
 */
@Injectable()
export class LetterDocumentsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly builder: LetterModelBuilder,
    private readonly decisions: DecisionsService,
    private readonly applications: ApplicationsService,
    private readonly recoveries: RecoveriesService,
    private readonly proofs: ProofsService,
    @Inject(LETTER_FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  // ───────────────────────────── creating ─────────────────────────────

  /** The letters of a decision's approved versions (and of its recoveries and Prüfvermerke), created where missing. */
  async requestForDecision(scope: Scope, decisionId: string): Promise<{ documents: GeneratedDocument[]; created: NewDocument[] }> {
    const { decision } = await this.decisions.get(scope, decisionId);
    if (decision.currentVersionNo === null) throw noLetterForDecision();
    return this.request(scope, 'Decision', decisionId, (em) => this.candidates(em, { decisionId }), { decisionId });
  }

  async requestForRecovery(scope: Scope, recoveryId: string): Promise<{ documents: GeneratedDocument[]; created: NewDocument[] }> {
    await this.recoveries.get(scope, recoveryId);
    return this.request(scope, 'Recovery', recoveryId, (em) => this.candidates(em, { recoveryId }), { recoveryId });
  }

  async requestForProof(scope: Scope, proofId: string): Promise<{ documents: GeneratedDocument[]; created: NewDocument[] }> {
    await this.proofs.get(scope, proofId);
    const done = await this.tx.manager.getRepository(ProofReview).existsBy({ proofId, status: 'COMPLETED' });
    if (!done) throw new DomainError('LETTER_NOT_AVAILABLE', 409, 'Der Prüfvermerk zu diesem Verwendungsnachweis ist noch nicht abgeschlossen.');
    return this.request(scope, 'ProofOfUse', proofId, (em) => this.candidates(em, { proofId }), { proofId });
  }

  /** The Eingangsbestätigungen of an Antrag's submitted versions, created where missing. */
  async requestForApplication(scope: Scope, applicationId: string): Promise<{ documents: GeneratedDocument[]; created: NewDocument[] }> {
    await this.applications.get(scope, applicationId);
    return this.request(scope, 'Application', applicationId, (em) => this.candidates(em, { applicationId }), { applicationId });
  }

  /** The sweep: every letter still missing, for the whole database. */
  async createMissing(requestId: string | null): Promise<NewDocument[]> {
    return this.tx.run(async (em) => {
      const created = await this.insert(em, await this.candidates(em, {}), null);
      if (created.length > 0) {
        await this.audit.record(em, systemScope(requestId), {
          action: 'letter.schedule',
          entity: 'GeneratedDocument',
          entityId: created[0]!.id,
          after: { documents: created },
        });
      }
      return created;
    });
  }

  /** Letters waiting for the worker (also those whose job was lost). */
  async pendingIds(limit = 1000): Promise<string[]> {
    const rows = (await this.tx.manager.query(`SELECT id FROM generated_document WHERE status = 'PENDING' ORDER BY created_at LIMIT $1`, [limit])) as { id: string }[];
    return rows.map((r) => r.id);
  }

  async setJobId(documentId: string, jobId: string): Promise<void> {
    await this.tx.manager.query(`UPDATE generated_document SET job_id = $2 WHERE id = $1 AND job_id IS DISTINCT FROM $2`, [documentId, jobId]);
  }

  private async request(
    scope: Scope,
    entity: string,
    entityId: string,
    find: (em: EntityManager) => Promise<Candidate[]>,
    where: { decisionId?: string; recoveryId?: string; proofId?: string; applicationId?: string },
  ): Promise<{ documents: GeneratedDocument[]; created: NewDocument[] }> {
    return this.tx.run(async (em) => {
      const created = await this.insert(em, await find(em), scope.userId);
      if (created.length > 0) {
        await this.audit.record(em, scope, { action: 'letter.request', entity, entityId, after: { documents: created } });
      }
      return { documents: await this.rows(em, where), created };
    });
  }

  private async insert(em: EntityManager, candidates: Candidate[], requestedBy: string | null): Promise<NewDocument[]> {
    const created: NewDocument[] = [];
    for (const c of candidates) {
      const rows = (await em.query(
        `INSERT INTO generated_document (kind, source_key, decision_id, application_id, provider_id, decision_version_id, version_no, recovery_id, proof_id, status, file_name, requested_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'PENDING', $10, $11)
         ON CONFLICT (source_key) DO NOTHING RETURNING id`,
        [c.kind, c.sourceKey, c.decisionId, c.applicationId, c.providerId, c.decisionVersionId, c.versionNo, c.recoveryId, c.proofId, c.fileName, requestedBy],
      )) as { id: string }[];
      if (rows[0]) created.push({ id: rows[0].id, kind: c.kind });
    }
    return created;
  }

  /** Sources that have no letter yet, limited to one decision, recovery or proof when given. */
  private async candidates(em: EntityManager, only: { decisionId?: string; recoveryId?: string; proofId?: string; applicationId?: string }): Promise<Candidate[]> {
    const out: Candidate[] = [];
    if (!only.decisionId && !only.recoveryId && !only.proofId) {
      // Eingangsbestätigungen: one per submitted version of an Antrag.
      const versions = (await em.query(
        `SELECT v.id, v.application_id, v.version_no, a.provider_id, a.reference
           FROM application_version v JOIN application a ON a.id = v.application_id
          WHERE ($1::uuid IS NULL OR v.application_id = $1)
            AND NOT EXISTS (SELECT 1 FROM generated_document g WHERE g.source_key = 'application-version:' || v.id::text)
          ORDER BY a.reference, v.version_no`,
        [only.applicationId ?? null],
      )) as { id: string; application_id: string; version_no: number; provider_id: string; reference: string }[];
      for (const v of versions) {
        out.push({
          kind: LetterKind.RECEIPT_CONFIRMATION,
          sourceKey: `application-version:${v.id}`,
          decisionId: null,
          applicationId: v.application_id,
          providerId: v.provider_id,
          decisionVersionId: null,
          versionNo: v.version_no,
          recoveryId: null,
          proofId: null,
          fileName: letterFileName(LetterKind.RECEIPT_CONFIRMATION, v.reference, v.version_no),
        });
      }
      if (only.applicationId) return out;
    }
    const byDecision = only.decisionId ?? null;
    if (!only.recoveryId && !only.proofId) {
      const versions = (await em.query(
        `SELECT v.id, v.decision_id, v.version_no, v.kind, v.status, d.outcome, d.instrument, d.provider_id, d.reference
           FROM decision_version v JOIN decision d ON d.id = v.decision_id
          WHERE v.status = $1 AND ($2::uuid IS NULL OR v.decision_id = $2)
            AND NOT EXISTS (SELECT 1 FROM generated_document g WHERE g.source_key = 'version:' || v.id::text)
          ORDER BY d.reference, v.version_no`,
        [VersionStatus.APPROVED, byDecision],
      )) as { id: string; decision_id: string; version_no: number; kind: DecisionVersion['kind']; status: VersionStatus; outcome: DecisionOutcome; instrument: Instrument; provider_id: string; reference: string }[];
      for (const v of versions) {
        const kind = letterKindForVersion(v, v);
        if (!kind) continue;
        out.push({
          kind,
          sourceKey: `version:${v.id}`,
          decisionId: v.decision_id,
          applicationId: null,
          providerId: v.provider_id,
          decisionVersionId: v.id,
          versionNo: v.version_no,
          recoveryId: null,
          proofId: null,
          fileName: letterFileName(kind, v.reference, v.version_no),
        });
      }
    }
    if (!only.proofId) {
      const recoveries = (await em.query(
        `SELECT r.id, r.decision_id, r.provider_id, r.instrument, d.reference
           FROM recovery r JOIN decision d ON d.id = r.decision_id
          WHERE ($1::uuid IS NULL OR r.decision_id = $1) AND ($2::uuid IS NULL OR r.id = $2)
            AND NOT EXISTS (SELECT 1 FROM generated_document g WHERE g.source_key = 'recovery:' || r.id::text)
          ORDER BY d.reference`,
        [byDecision, only.recoveryId ?? null],
      )) as { id: string; decision_id: string; provider_id: string; instrument: string; reference: string }[];
      for (const r of recoveries) {
        out.push({
          kind: LetterKind.RECOVERY,
          sourceKey: `recovery:${r.id}`,
          decisionId: r.decision_id,
          applicationId: null,
          providerId: r.provider_id,
          decisionVersionId: null,
          versionNo: null,
          recoveryId: r.id,
          proofId: null,
          fileName: letterFileName(LetterKind.RECOVERY, r.reference, null, r.instrument),
        });
      }
    }
    if (!only.recoveryId) {
      const reviews = (await em.query(
        `SELECT pr.id, p.id AS proof_id, p.decision_id, p.provider_id, p.reference
           FROM proof_review pr JOIN proof_of_use p ON p.id = pr.proof_id
          WHERE pr.status = 'COMPLETED' AND ($1::uuid IS NULL OR p.decision_id = $1) AND ($2::uuid IS NULL OR p.id = $2)
            AND NOT EXISTS (SELECT 1 FROM generated_document g WHERE g.source_key = 'proof-review:' || pr.id::text)
          ORDER BY p.reference`,
        [byDecision, only.proofId ?? null],
      )) as { id: string; proof_id: string; decision_id: string; provider_id: string; reference: string }[];
      for (const r of reviews) {
        out.push({
          kind: LetterKind.PROOF_REVIEW,
          sourceKey: `proof-review:${r.id}`,
          decisionId: r.decision_id,
          applicationId: null,
          providerId: r.provider_id,
          decisionVersionId: null,
          versionNo: null,
          recoveryId: null,
          proofId: r.proof_id,
          fileName: letterFileName(LetterKind.PROOF_REVIEW, r.reference, null),
        });
      }
    }
    return out;
  }

  // ───────────────────────────── reading ─────────────────────────────

  async listForDecision(scope: Scope, decisionId: string): Promise<GeneratedDocument[]> {
    await this.decisions.get(scope, decisionId);
    return this.visibleRows(scope, await this.rows(this.tx.manager, { decisionId }));
  }

  async listForApplication(scope: Scope, applicationId: string): Promise<GeneratedDocument[]> {
    await this.applications.get(scope, applicationId);
    return this.visibleRows(scope, await this.rows(this.tx.manager, { applicationId }));
  }

  async listForRecovery(scope: Scope, recoveryId: string): Promise<GeneratedDocument[]> {
    await this.recoveries.get(scope, recoveryId);
    return this.visibleRows(scope, await this.rows(this.tx.manager, { recoveryId }));
  }

  async listForProof(scope: Scope, proofId: string): Promise<GeneratedDocument[]> {
    await this.proofs.get(scope, proofId);
    return this.visibleRows(scope, await this.rows(this.tx.manager, { proofId }));
  }

  /**
   * One letter, if the caller may read its decision (a Träger: only its own, issued ones) or, for an
   * Eingangsbestätigung, its Antrag (a Träger: only its own); else 404.
   */
  async get(scope: Scope, id: string): Promise<GeneratedDocument> {
    const doc = await this.tx.manager.getRepository(GeneratedDocument).findOneBy({ id });
    if (!doc) throw letterNotFound();
    try {
      if (doc.decisionId) await this.decisions.get(scope, doc.decisionId);
      else if (doc.applicationId) await this.applications.get(scope, doc.applicationId);
      else throw letterNotFound();
    } catch (err) {
      if (err instanceof DomainError && err.status === 404) throw letterNotFound();
      throw err;
    }
    if ((await this.visibleRows(scope, [doc])).length === 0) throw letterNotFound();
    return doc;
  }

  async openFile(scope: Scope, id: string): Promise<{ document: GeneratedDocument; content: Readable }> {
    const document = await this.get(scope, id);
    if (document.status !== 'COMPLETED' || !document.storageKey) throw letterNotReady(document);
    return { document, content: await this.storage.openRead(document.storageKey) };
  }

  private async rows(em: EntityManager, where: { decisionId?: string; recoveryId?: string; proofId?: string; applicationId?: string }): Promise<GeneratedDocument[]> {
    return em.getRepository(GeneratedDocument).find({ where, order: { createdAt: 'ASC', versionNo: 'ASC' } });
  }

  /** A Träger sees the Prüfvermerk (an internal record) only once the Festsetzung is made, as with the review itself. */
  private async visibleRows(scope: Scope, docs: GeneratedDocument[]): Promise<GeneratedDocument[]> {
    if (hasRole(scope, Role.ADMIN, Role.STAFF, Role.APPROVER, Role.AUDITOR)) return docs;
    const proofIds = docs.filter((d) => d.kind === LetterKind.PROOF_REVIEW && d.proofId).map((d) => d.proofId!);
    const settled = new Set(
      proofIds.length ? (await this.tx.manager.getRepository(ProofOfUse).findBy(proofIds.map((id) => ({ id, status: ProofStatus.SETTLED })))).map((p) => p.id) : [],
    );
    return docs.filter((d) => d.kind !== LetterKind.PROOF_REVIEW || (d.proofId !== null && settled.has(d.proofId)));
  }

  // ───────────────────────────── rendering (worker) ─────────────────────────────

  /**
   * Renders one letter and stores it. Idempotent: a letter already COMPLETED is left as it is; a
   * retry after a crash renders the same bytes again (the model carries only dates of the record)
   * and the storage replaces the file atomically.
   */
  async render(documentId: string, jobId: string): Promise<GeneratedDocument | null> {
    const repo = this.tx.manager.getRepository(GeneratedDocument);
    const doc = await repo.findOneBy({ id: documentId });
    if (!doc || doc.status === 'COMPLETED') return doc;
    await this.tx.manager.query(`UPDATE generated_document SET attempts = attempts + 1, job_id = $2 WHERE id = $1`, [documentId, jobId]);
    const built = await this.builder.build(this.tx.manager, doc);
    const pdf = await built.render(this.builder.letterhead());
    const key = doc.decisionId ? `letters/${doc.decisionId}/${doc.id}.pdf` : `letters/applications/${doc.applicationId}/${doc.id}.pdf`;
    const stored = await this.storage.put(key, Readable.from([pdf]));
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const pageCount = (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
    return this.tx.run(async (em) => {
      const updated = (await em.query(
        `UPDATE generated_document SET status = 'COMPLETED', storage_key = $2, sha256 = $3, size_bytes = $4, page_count = $5, model = $6,
                error = NULL, completed_at = now()
          WHERE id = $1 AND status <> 'COMPLETED' RETURNING id`,
        [doc.id, key, sha256, stored.size, pageCount, JSON.stringify(built.model)],
      )) as unknown;
      if (returnedCount(updated) > 0) {
        await this.audit.record(em, systemScope(jobId), {
          action: 'letter.generate',
          entity: 'GeneratedDocument',
          entityId: doc.id,
          after: { kind: doc.kind, decisionId: doc.decisionId, applicationId: doc.applicationId, fileName: doc.fileName, sha256, sizeBytes: stored.size, pageCount },
        });
      }
      return em.getRepository(GeneratedDocument).findOneByOrFail({ id: doc.id });
    });
  }

  /** The last attempt failed (or the model was refused): FAILED with the reason, visible in the list. */
  async markFailed(documentId: string, error: string): Promise<void> {
    await this.tx.manager.query(`UPDATE generated_document SET status = 'FAILED', error = $2 WHERE id = $1 AND status <> 'COMPLETED'`, [documentId, error.slice(0, 2000)]);
  }
}

function returnedCount(result: unknown): number {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0].length;
  return Array.isArray(result) ? result.length : 0;
}

