import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { Inject, Injectable, Logger, Optional, Provider } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { runWithTenancy, Scope, systemScope } from '@foerderfluss/core';
import { FileStorage, fileStorageProvider, TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { ApplicationsService } from '@foerderfluss/applications';
import { DecisionsService, Instrument } from '@foerderfluss/decisions';
import { ProofsService, RecoveriesService } from '@foerderfluss/proof-of-use';
import { GeneratedDocument, LetterKind } from './generated-document.entity';
import { GeneratedDocumentRepository, type LetterCandidate, type LetterFilter } from './generated-document.repository';
import { letterKindForVersion, LetterModelBuilder } from './letter-model-builder';
import { assertLetterDownloadable, LETTER_LIFECYCLE, letterAllowedActions, type LetterUserAction } from './letter-state';
import { lettersNothingToDo, noLetterForDecision, proofReviewNotCompleted } from './letters.errors';

export const LETTER_FILE_STORAGE = Symbol('LETTER_FILE_STORAGE');

export const letterFileStorageProvider: Provider = fileStorageProvider(LETTER_FILE_STORAGE);

/**
 * Where a letter's render job goes. The letters lib may not know the queue (only the apps use
 * libs/jobs), so api and worker provide this with their JobProducer; without it (a seed, a
 * script) letters stay PENDING and the sweep `letters.scan` hands them on.
 */
export const LETTER_RENDER_QUEUE = Symbol('LETTER_RENDER_QUEUE');

export interface LetterRenderQueue {
  /** Adds the render job of one letter under the job key (idempotent per key); answers the job's id. */
  enqueue(documentId: string, jobKey: string): Promise<string>;
}

/** A letter still to render: the sweep and the request hand these ids to the worker. */
export interface NewDocument {
  id: string;
  kind: LetterKind;
}

/** What „Schreiben jetzt erzeugen“ did: the letters of the record, those new and those asked for again. */
export interface LetterRequestResult {
  documents: GeneratedDocument[];
  created: GeneratedDocument[];
  requeued: GeneratedDocument[];
}

/** Which sources to look at: one record's, or (nothing given) the whole database. */
export interface LetterSourceFilter {
  applicationId?: string;
  decisionId?: string;
  recoveryId?: string;
  proofId?: string;
  dunningId?: string;
}

type Candidate = LetterCandidate;

const FILE_PREFIX: Record<LetterKind, string> = {
  GRANT_DECISION: 'Zuwendungsbescheid',
  FORWARDING_CONTRACT: 'Weiterleitungsvertrag',
  AMENDMENT: 'Änderungsbescheid',
  REJECTION: 'Ablehnungsbescheid',
  RECOVERY: 'Rückforderungsbescheid',
  PROOF_REVIEW: 'Prüfvermerk',
  RECEIPT_CONFIRMATION: 'Eingangsbestaetigung',
  CONTRACT_AMENDMENT: 'Änderungsvertrag',
  REVOCATION: 'Widerrufsbescheid',
  DUNNING: 'Mahnung',
  SETTLEMENT: 'Festsetzungsbescheid',
  STATE_GRANT: 'Zuweisungsbescheid',
};

/**
 * `Zuwendungsbescheid_FF-2026-0001_v1.pdf`, `Mahnung-2_FF-2026-0007-R.pdf`; a `/` in a reference
 * becomes `-`. For a Mahnung `versionNo` is its level.
 */
export function letterFileName(kind: LetterKind, reference: string, versionNo: number | null, instrument?: string): string {
  const ref = reference.replace(/[/\\]/g, '-');
  if (kind === LetterKind.DUNNING) return `${FILE_PREFIX[kind]}-${versionNo ?? 1}_${ref}.pdf`;
  const prefix =
    kind === LetterKind.RECOVERY && instrument === Instrument.VERTRAG
      ? 'Zahlungsaufforderung'
      : kind === LetterKind.REVOCATION && instrument === Instrument.VERTRAG
        ? 'Kündigung'
        : kind === LetterKind.SETTLEMENT && instrument === Instrument.VERTRAG
          ? 'Festsetzung'
          : FILE_PREFIX[kind];
  const version = versionNo !== null && kind !== LetterKind.REJECTION && !(kind === LetterKind.RECEIPT_CONFIRMATION && versionNo === 1) ? `_v${versionNo}` : '';
  return `${prefix}_${ref}${version}.pdf`;
}

/**
 * The id key of a letter's render job: the letter itself, and after each retry a new one (BullMQ
 * keeps a failed job's id for a while and would take a second job under it for a duplicate).
 */
export function renderJobKey(doc: { id: string; retryCount: number }): string {
  return doc.retryCount > 0 ? `${doc.id}-retry-${doc.retryCount}` : doc.id;
}

/**
 * The letters as documents (issue 9 item 5, issue 16 item 3): which exist, who may read them, and
 * their generation. The action that issues a letter writes its row in its own transaction
 * (LetterTriggers, an audit listener) and the render job is queued right after the commit, so the
 * letter is there at once and its PDF within seconds. Staff may ask for missing or failed ones
 * (POST …/letters, POST /letters/:id/retry); a sweep in the worker (LETTERS_SCAN_CRON) creates
 * whatever is still missing and queues what is still waiting, so a letter is never lost when the
 * queue was down at the time.
 */
@Injectable()
export class LetterDocumentsService {
  private readonly logger = new Logger('Letters');

  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly builder: LetterModelBuilder,
    private readonly decisions: DecisionsService,
    private readonly applications: ApplicationsService,
    private readonly recoveries: RecoveriesService,
    private readonly proofs: ProofsService,
    @Inject(LETTER_FILE_STORAGE) private readonly storage: FileStorage,
    private readonly documents: GeneratedDocumentRepository,
    @Optional() @Inject(LETTER_RENDER_QUEUE) private readonly queue: LetterRenderQueue | null = null,
  ) {}

  // ───────────────────────────── creating ─────────────────────────────

  /** The letters of a decision's approved versions (and of its recoveries, Mahnungen and Prüfvermerke), created where missing. */
  async requestForDecision(scope: Scope, decisionId: string): Promise<LetterRequestResult> {
    const { decision } = await this.decisions.get(scope, decisionId);
    if (decision.currentVersionNo === null) throw noLetterForDecision();
    return this.request(scope, 'Decision', decisionId, { decisionId }, { decisionId });
  }

  async requestForRecovery(scope: Scope, recoveryId: string): Promise<LetterRequestResult> {
    await this.recoveries.get(scope, recoveryId);
    return this.request(scope, 'Recovery', recoveryId, { recoveryId }, { recoveryId });
  }

  async requestForProof(scope: Scope, proofId: string): Promise<LetterRequestResult> {
    await this.proofs.get(scope, proofId);
    if (!(await this.documents.reviewCompleted(proofId))) throw proofReviewNotCompleted();
    return this.request(scope, 'ProofOfUse', proofId, { proofId }, { proofId });
  }

  /** The Eingangsbestätigungen of an Antrag's submitted versions, created where missing. */
  async requestForApplication(scope: Scope, applicationId: string): Promise<LetterRequestResult> {
    await this.applications.get(scope, applicationId);
    return this.request(scope, 'Application', applicationId, { applicationId }, { applicationId });
  }

  /**
   * In the transaction of the action that issues a letter (LetterTriggers): writes the letters now
   * due for `only` and queues their render jobs once the transaction has committed. Nothing is
   * audited separately: the action's own audit event is the record of it.
   */
  async scheduleDue(em: EntityManager, only: LetterSourceFilter, requestedBy: string | null): Promise<NewDocument[]> {
    const created = await this.insert(em, await this.candidates(em, only), requestedBy);
    if (created.length > 0 && !this.tx.afterCommit(() => this.dispatch(created.map((c) => ({ id: c.id, retryCount: 0 }))))) {
      // Not our transaction (a seed's): the sweep queues them.
      this.logger.debug(`${created.length} letter(s) left to the sweep`);
    }
    return created;
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

  /** Letters waiting for the worker, queued or taken (also those whose job was lost). */
  async waiting(limit = 1000): Promise<{ id: string; retryCount: number }[]> {
    return this.documents.waiting(limit);
  }

  /** Letters still waiting for the worker with their job id (stored, else from the job key), for the reconciler. */
  async openRecords(filter: { olderThanSeconds?: number; id?: string }, limit = 1000): Promise<{ id: string; status: string; jobId: string | null; jobKey: string }[]> {
    return (await this.documents.openRecords(filter, limit)).map((d) => ({ id: d.id, status: d.status, jobId: d.jobId, jobKey: renderJobKey(d) }));
  }

  /**
   * Hands letters to the worker (after their rows are committed): the render job under the
   * letter's job key (idempotent), whose id is kept with the letter. Without a queue (a seed, a
   * script) nothing happens and the sweep queues them later. Throws when the queue is away.
   */
  async dispatch(docs: readonly { id: string; retryCount: number }[]): Promise<void> {
    if (!this.queue || docs.length === 0) return;
    for (const doc of docs) await this.documents.setJobId(doc.id, await this.queue.enqueue(doc.id, renderJobKey(doc)));
  }

  /**
   * Erneut versuchen: a FAILED letter goes back to the queue under a new job (409 in German for any
   * other status, from the lifecycle table). Answers the letter as it now is.
   */
  async retry(scope: Scope, id: string): Promise<GeneratedDocument> {
    const doc = await this.tx.run(async (em) => {
      const current = await this.documents.get(scope, id, { em, lock: true });
      LETTER_LIFECYCLE.transition(current.status, 'retry', scope);
      const retried = await this.documents.retryFailed(em, [current.id]);
      await this.audit.record(em, scope, {
        action: 'letter.retry',
        entity: 'GeneratedDocument',
        entityId: current.id,
        before: { status: current.status, error: current.error },
        after: { status: 'PENDING', retryCount: current.retryCount + 1 },
      });
      this.tx.afterCommit(() => this.dispatch(retried));
      return (await this.documents.findForWorker(current.id, em))!;
    });
    return doc;
  }

  private async request(scope: Scope, entity: string, entityId: string, only: LetterSourceFilter, where: LetterFilter): Promise<LetterRequestResult> {
    const result = await this.tx.run(async (em) => {
      const created = await this.insert(em, await this.candidates(em, only), scope.userId);
      // Erneut versuchen for every failed letter of the record: each under a new job.
      const failed = (await this.documents.all(scope, { ...where, status: 'FAILED' }, em)).filter((d) => LETTER_LIFECYCLE.permits(d.status, 'retry', scope));
      const requeued = await this.documents.retryFailed(em, failed.map((d) => d.id));
      if (created.length > 0 || requeued.length > 0) {
        await this.audit.record(em, scope, { action: 'letter.request', entity, entityId, after: { documents: created, retried: requeued.map((d) => d.id) } });
      }
      const documents = await this.documents.all(scope, where, em);
      // Everything still waiting goes (again) to the queue: a job lost while Redis was away is added anew.
      const waiting = documents.filter((d) => d.status === 'PENDING' || d.status === 'RENDERING');
      this.tx.afterCommit(() => this.dispatch(waiting));
      const createdIds = new Set(created.map((c) => c.id));
      const requeuedIds = new Set(requeued.map((r) => r.id));
      return { documents, created: documents.filter((d) => createdIds.has(d.id)), requeued: documents.filter((d) => requeuedIds.has(d.id)) };
    });
    if (result.created.length === 0 && result.requeued.length === 0) {
      throw lettersNothingToDo(result.documents.filter((d) => d.status === 'PENDING' || d.status === 'RENDERING').length);
    }
    return result;
  }

  private async insert(em: EntityManager, candidates: Candidate[], requestedBy: string | null): Promise<NewDocument[]> {
    return this.documents.insertMissing(em, candidates, requestedBy);
  }

  /**
   * Sources that have no letter yet: of one Antrag, decision, recovery, proof or Mahnung when
   * given (a decision's include its recoveries, Mahnungen and Prüfvermerke; a recovery's its
   * Mahnungen), else of the whole database.
   */
  private async candidates(em: EntityManager, only: LetterSourceFilter): Promise<Candidate[]> {
    const all = !only.applicationId && !only.decisionId && !only.recoveryId && !only.proofId && !only.dunningId;
    const byDecision = only.decisionId ?? null;
    const out: Candidate[] = [];
    const base = { decisionId: null, applicationId: null, decisionVersionId: null, versionNo: null, recoveryId: null, proofId: null, dunningId: null };
    if (all || only.applicationId) {
      // Eingangsbestätigungen: one per submitted version of an Antrag.
      for (const v of await this.documents.applicationVersionsWithoutLetter(em, only.applicationId ?? null)) {
        out.push({
          ...base,
          kind: LetterKind.RECEIPT_CONFIRMATION,
          sourceKey: `application-version:${v.id}`,
          applicationId: v.application_id,
          providerId: v.provider_id,
          versionNo: v.version_no,
          fileName: letterFileName(LetterKind.RECEIPT_CONFIRMATION, v.reference, v.version_no),
        });
      }
    }
    if (all || byDecision) {
      for (const v of await this.documents.approvedVersionsWithoutLetter(em, byDecision)) {
        const kind = letterKindForVersion(v, v);
        if (!kind) continue;
        out.push({
          ...base,
          kind,
          sourceKey: `version:${v.id}`,
          decisionId: v.decision_id,
          providerId: v.provider_id,
          decisionVersionId: v.id,
          versionNo: v.version_no,
          fileName: letterFileName(kind, v.reference, v.version_no, v.instrument),
        });
      }
    }
    if (all || byDecision || only.recoveryId) {
      for (const r of await this.documents.recoveriesWithoutLetter(em, byDecision, only.recoveryId ?? null)) {
        out.push({
          ...base,
          kind: LetterKind.RECOVERY,
          sourceKey: `recovery:${r.id}`,
          decisionId: r.decision_id,
          providerId: r.provider_id,
          recoveryId: r.id,
          fileName: letterFileName(LetterKind.RECOVERY, r.reference, null, r.instrument),
        });
      }
    }
    if (all || byDecision || only.proofId) {
      for (const r of await this.documents.completedReviewsWithoutLetter(em, byDecision, only.proofId ?? null)) {
        out.push({
          ...base,
          kind: LetterKind.PROOF_REVIEW,
          sourceKey: `proof-review:${r.id}`,
          decisionId: r.decision_id,
          providerId: r.provider_id,
          proofId: r.proof_id,
          fileName: letterFileName(LetterKind.PROOF_REVIEW, r.reference, null),
        });
      }
    }
    if (all || byDecision || only.proofId) {
      // A Festsetzung with nothing to recover (with a Rückforderung its letter carries the Festsetzung).
      for (const st of await this.documents.settlementsWithoutLetter(em, byDecision, only.proofId ?? null)) {
        out.push({
          ...base,
          kind: LetterKind.SETTLEMENT,
          sourceKey: `settlement:${st.id}`,
          decisionId: st.decision_id,
          providerId: st.provider_id,
          proofId: st.proof_id,
          fileName: letterFileName(LetterKind.SETTLEMENT, st.reference, null, st.instrument),
        });
      }
    }
    if (all || byDecision || only.recoveryId || only.dunningId) {
      for (const n of await this.documents.dunningsWithoutLetter(em, { decisionId: byDecision, recoveryId: only.recoveryId ?? null, dunningId: only.dunningId ?? null })) {
        out.push({
          ...base,
          kind: LetterKind.DUNNING,
          sourceKey: `dunning:${n.id}`,
          decisionId: n.decision_id,
          providerId: n.provider_id,
          versionNo: n.level,
          recoveryId: n.recovery_id,
          dunningId: n.id,
          fileName: letterFileName(LetterKind.DUNNING, n.reference, n.level),
        });
      }
    }
    return out;
  }

  // ───────────────────────────── reading ─────────────────────────────

  async listForDecision(scope: Scope, decisionId: string): Promise<GeneratedDocument[]> {
    await this.decisions.get(scope, decisionId);
    return this.documents.all(scope, { decisionId });
  }

  async listForApplication(scope: Scope, applicationId: string): Promise<GeneratedDocument[]> {
    await this.applications.get(scope, applicationId);
    return this.documents.all(scope, { applicationId });
  }

  async listForRecovery(scope: Scope, recoveryId: string): Promise<GeneratedDocument[]> {
    await this.recoveries.get(scope, recoveryId);
    return this.documents.all(scope, { recoveryId });
  }

  async listForProof(scope: Scope, proofId: string): Promise<GeneratedDocument[]> {
    await this.proofs.get(scope, proofId);
    return this.documents.all(scope, { proofId });
  }

  /**
   * One letter, if the caller may read it (GeneratedDocumentRepository: a Träger only its own, of an
   * issued decision, a Prüfvermerk only after the Festsetzung); else 404.
   */
  async get(scope: Scope, id: string): Promise<GeneratedDocument> {
    return this.documents.get(scope, id);
  }

  /** What the caller may do with the letter now (from the lifecycle table). */
  allowedActions(scope: Scope, doc: GeneratedDocument): LetterUserAction[] {
    return letterAllowedActions(doc, scope);
  }

  /** The PDF as a stream; the download is audited before the first byte leaves. */
  async openFile(scope: Scope, id: string): Promise<{ document: GeneratedDocument; content: Readable }> {
    const document = await this.get(scope, id);
    assertLetterDownloadable(document, scope);
    const content = await this.storage.openRead(document.storageKey!);
    try {
      await this.tx.run((em) =>
        this.audit.record(em, scope, {
          action: 'letter.downloaded',
          entity: 'GeneratedDocument',
          entityId: document.id,
          after: { kind: document.kind, decisionId: document.decisionId, applicationId: document.applicationId, fileName: document.fileName, sha256: document.sha256 },
        }),
      );
    } catch (err) {
      content.destroy();
      throw err;
    }
    return { document, content };
  }

  // ───────────────────────────── rendering (worker) ─────────────────────────────

  /**
   * Renders one letter and stores it. Idempotent: a letter already COMPLETED is left as it is; a
   * retry after a crash renders the same bytes again (the model carries only dates of the record)
   * and the storage replaces the file atomically.
   */
  async render(documentId: string, jobId: string): Promise<GeneratedDocument | null> {
    const doc = await this.documents.findForWorker(documentId);
    // Not (yet) visible: a job that overtook the commit of its row. Retried with backoff; a row
    // that never appears leaves the job failed, and nothing else.
    if (!doc) throw new Error(`letter ${documentId} not found`);
    if (doc.status === 'COMPLETED') return doc;
    // Rendered as the letter's Kreis (issue 20): row-level security of that Kreis hides every other
    // Kreis's rows from the model's queries, and the audit event carries the Kreis.
    return runWithTenancy({ districtId: doc.districtId, state: false }, () => this.renderInKreis(doc, jobId));
  }

  private async renderInKreis(doc: GeneratedDocument, jobId: string): Promise<GeneratedDocument | null> {
    const documentId = doc.id;
    await this.documents.startAttempt(documentId, jobId);
    const built = await this.tx.run((em) => this.builder.build(em, doc));
    const pdf = await built.render(built.letterhead);
    const key = doc.decisionId ? `letters/${doc.decisionId}/${doc.id}.pdf` : `letters/applications/${doc.applicationId}/${doc.id}.pdf`;
    const stored = await this.storage.put(key, Readable.from([pdf]));
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const pageCount = (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
    return this.tx.run(async (em) => {
      if (await this.documents.complete(em, doc.id, { key, sha256, size: stored.size, pageCount, model: built.model })) {
        await this.audit.record(em, systemScope(jobId), {
          action: 'letter.generate',
          entity: 'GeneratedDocument',
          entityId: doc.id,
          after: { kind: doc.kind, decisionId: doc.decisionId, applicationId: doc.applicationId, fileName: doc.fileName, sha256, sizeBytes: stored.size, pageCount },
        });
      }
      return (await this.documents.findForWorker(doc.id, em))!;
    });
  }

  /** The last attempt failed (or the model was refused): FAILED with the German reason, visible in the list. */
  async markFailed(documentId: string, error: string): Promise<void> {
    await this.documents.fail(documentId, error);
  }
}
