import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { Inject, Injectable, Provider } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, Scope, systemScope } from '@foerderfluss/core';
import { FileStorage, LocalFileStorage, TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { ApplicationsService } from '@foerderfluss/applications';
import { DecisionsService, Instrument } from '@foerderfluss/decisions';
import { ProofsService, RecoveriesService } from '@foerderfluss/proof-of-use';
import { GeneratedDocument, LetterKind } from './generated-document.entity';
import { GeneratedDocumentRepository, type LetterCandidate, type LetterFilter } from './generated-document.repository';
import { letterKindForVersion, LetterModelBuilder } from './letter-model-builder';
import { assertLetterDownloadable, letterAllowedActions, type LetterUserAction } from './letter-state';
import { noLetterForDecision, proofReviewNotCompleted } from './letters.errors';

export const LETTER_FILE_STORAGE = Symbol('LETTER_FILE_STORAGE');

export const letterFileStorageProvider: Provider = {
  provide: LETTER_FILE_STORAGE,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): FileStorage => LocalFileStorage.fromConfig(config),
};

/** A letter still to render: the sweep and the request hand these ids to the worker. */
export interface NewDocument {
  id: string;
  kind: LetterKind;
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
    private readonly documents: GeneratedDocumentRepository,
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
    if (!(await this.documents.reviewCompleted(proofId))) throw proofReviewNotCompleted();
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
    return this.documents.pendingIds(limit);
  }

  async setJobId(documentId: string, jobId: string): Promise<void> {
    await this.documents.setJobId(documentId, jobId);
  }

  /**
   * Hands each letter still PENDING to the worker (after the rows are committed): `enqueue` adds the
   * render job (idempotent by the document's id) and answers its id, which is kept with the letter.
   */
  async dispatch(documentIds: readonly string[], enqueue: (documentId: string) => Promise<string>): Promise<void> {
    for (const documentId of documentIds) await this.documents.setJobId(documentId, await enqueue(documentId));
  }

  private async request(
    scope: Scope,
    entity: string,
    entityId: string,
    find: (em: EntityManager) => Promise<Candidate[]>,
    where: LetterFilter,
  ): Promise<{ documents: GeneratedDocument[]; created: NewDocument[] }> {
    return this.tx.run(async (em) => {
      const created = await this.insert(em, await find(em), scope.userId);
      if (created.length > 0) {
        await this.audit.record(em, scope, { action: 'letter.request', entity, entityId, after: { documents: created } });
      }
      return { documents: await this.documents.all(scope, where, em), created };
    });
  }

  private async insert(em: EntityManager, candidates: Candidate[], requestedBy: string | null): Promise<NewDocument[]> {
    return this.documents.insertMissing(em, candidates, requestedBy);
  }

  /** Sources that have no letter yet, limited to one decision, recovery or proof when given. */
  private async candidates(em: EntityManager, only: { decisionId?: string; recoveryId?: string; proofId?: string; applicationId?: string }): Promise<Candidate[]> {
    const out: Candidate[] = [];
    if (!only.decisionId && !only.recoveryId && !only.proofId) {
      // Eingangsbestätigungen: one per submitted version of an Antrag.
      const versions = await this.documents.applicationVersionsWithoutLetter(em, only.applicationId ?? null);
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
      const versions = await this.documents.approvedVersionsWithoutLetter(em, byDecision);
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
      const recoveries = await this.documents.recoveriesWithoutLetter(em, byDecision, only.recoveryId ?? null);
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
      const reviews = await this.documents.completedReviewsWithoutLetter(em, byDecision, only.proofId ?? null);
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

  async openFile(scope: Scope, id: string): Promise<{ document: GeneratedDocument; content: Readable }> {
    const document = await this.get(scope, id);
    assertLetterDownloadable(document, scope);
    return { document, content: await this.storage.openRead(document.storageKey!) };
  }

  // ───────────────────────────── rendering (worker) ─────────────────────────────

  /**
   * Renders one letter and stores it. Idempotent: a letter already COMPLETED is left as it is; a
   * retry after a crash renders the same bytes again (the model carries only dates of the record)
   * and the storage replaces the file atomically.
   */
  async render(documentId: string, jobId: string): Promise<GeneratedDocument | null> {
    const doc = await this.documents.findForWorker(documentId);
    if (!doc || doc.status === 'COMPLETED') return doc;
    await this.documents.startAttempt(documentId, jobId);
    const built = await this.builder.build(this.tx.manager, doc);
    const pdf = await built.render(this.builder.letterhead());
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

  /** The last attempt failed (or the model was refused): FAILED with the reason, visible in the list. */
  async markFailed(documentId: string, error: string): Promise<void> {
    await this.documents.fail(documentId, error);
  }
}
