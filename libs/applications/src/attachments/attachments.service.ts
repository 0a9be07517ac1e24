import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { Inject, Injectable, Provider } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, Clock, Page, Scope, systemScope } from '@foerderfluss/core';
import { FileStorage, fileStorageProvider, TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { UploadQuotaService } from '@foerderfluss/identity';
import { Attachment } from './attachment.entity';
import { cleanFileName, inspectAttachment } from './attachment-content';
import { ATTACHMENT_KINDS, attachmentKindLabel, AttachmentOwnerType, isAttachmentKind } from './attachment-kinds';
import { attachmentKindNotAllowed } from './attachments.errors';
import { AttachmentRepository } from './attachment.repository';

/** The file storage Anlagen go to (FILE_STORAGE; the same store as exports and letters). */
export const ATTACHMENT_FILE_STORAGE = Symbol('ATTACHMENT_FILE_STORAGE');

export const attachmentFileStorageProvider: Provider = fileStorageProvider(ATTACHMENT_FILE_STORAGE);

/** The record an upload goes to, as its owner service resolved (and, in a transaction, locked) it. */
export interface AttachmentOwner {
  readonly type: AttachmentOwnerType;
  readonly id: string;
  readonly organisationId: string;
  /** The kinds this record accepts: its call's Pflichtanlagen and OTHER. */
  readonly allowedKinds: readonly string[];
  /** The record's retention date, when it already has one. */
  readonly retainUntil: string | null;
}

/** The uploaded file as the api received it (a temporary file of its own). */
export interface UploadedAttachmentFile {
  readonly path: string;
  readonly originalName: string;
}

/** Resolves the owner for the caller: 404 for another Träger's record, 409 when it cannot change. */
export type OwnerResolver = (em: EntityManager, lock: boolean) => Promise<AttachmentOwner>;

export interface AttachmentRequirement {
  readonly kind: string;
  readonly kindLabel: string;
  readonly fulfilled: boolean;
}

export const attachmentKey = (a: Pick<Attachment, 'ownerType' | 'ownerId' | 'id'>, extension: string): string =>
  `attachments/${a.ownerType.toLowerCase().replace('_', '-')}/${a.ownerId}/${a.id}.${extension}`;

function snapshot(a: Attachment): Record<string, unknown> {
  return {
    ownerType: a.ownerType,
    ownerId: a.ownerId,
    organisationId: a.organisationId,
    kind: a.kind,
    fileName: a.fileName,
    contentType: a.contentType,
    sizeBytes: a.sizeBytes,
    sha256: a.sha256,
    retainUntil: a.retainUntil,
  };
}

/**
 * Anlagen of Anträge and Verwendungsnachweise: checked by content, stored in the file storage,
 * listed, downloaded and deleted, each with its audit event in the transaction of the change.
 * Which record may take an Anlage is decided by the owner's service (OwnerResolver); access by an
 * Anlage's own id is decided here by its organisation (another Träger's Anlage answers 404).
 */
@Injectable()
export class AttachmentsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(ATTACHMENT_FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly attachments: AttachmentRepository,
    private readonly quota: UploadQuotaService,
  ) {}

  /**
   * Checks owner, kind and content before anything is stored, then stores the file and the row with
   * its audit event in one transaction under the owner's lock; a failure leaves neither behind.
   */
  async upload(scope: Scope, resolveOwner: OwnerResolver, file: UploadedAttachmentFile, kind: string): Promise<Attachment> {
    const checkKind = (owner: AttachmentOwner): void => {
      if (!isAttachmentKind(kind) || !owner.allowedKinds.includes(kind)) throw attachmentKindNotAllowed(owner.allowedKinds.map(attachmentKindLabel), kind === '');
    };
    checkKind(await resolveOwner(this.tx.manager, false));
    const content = await inspectAttachment(file.path, this.config.attachmentMaxBytes);
    await this.quota.check(scope.userId, content.size);
    const id = randomUUID();
    let storedKey: string | null = null;
    try {
      const saved = await this.tx.run(async (em) => {
        const owner = await resolveOwner(em, true);
        checkKind(owner);
        // The user's hourly upload volume, counted with this upload (429 beyond it; rolled back with it).
        await this.quota.reserve(em, scope.userId, 'ATTACHMENT', content.size);
        const row = em.create(Attachment, {
          id,
          ownerType: owner.type,
          ownerId: owner.id,
          organisationId: owner.organisationId,
          kind,
          fileName: cleanFileName(file.originalName, content.extension),
          contentType: content.contentType,
          sizeBytes: content.size,
          sha256: content.sha256,
          storageKey: '',
          uploadedAt: this.clock.now(),
          uploadedBy: scope.userId ?? undefined,
          retainUntil: owner.retainUntil,
        });
        row.storageKey = attachmentKey(row, content.extension);
        await this.storage.put(row.storageKey, createReadStream(file.path));
        storedKey = row.storageKey;
        await em.insert(Attachment, row);
        await this.audit.record(em, scope, { action: 'attachment.uploaded', entity: 'Attachment', entityId: id, after: snapshot(row) });
        return row;
      });
      return this.attachments.get(scope, saved.id);
    } catch (err) {
      if (storedKey) await this.storage.delete(storedKey).catch(() => undefined);
      throw err;
    }
  }

  /**
   * The Anlagen of one record as the caller may see them, oldest first. The owner's service has
   * checked that the record may be read; the caller's scope applies as well.
   */
  list(scope: Scope, ownerType: AttachmentOwnerType, ownerId: string, q: { limit?: number; cursor?: string }): Promise<Page<Attachment>> {
    return this.attachments.list(scope, { ...q, ownerType, ownerId });
  }

  /** Which of `required` the record has (at least one Anlage of that kind), with German labels. */
  async requirements(em: EntityManager, ownerType: AttachmentOwnerType, ownerId: string, required: readonly string[]): Promise<AttachmentRequirement[]> {
    if (required.length === 0) return [];
    const present = await this.attachments.kindsPresent(ownerType, ownerId, em);
    return required.map((kind) => ({ kind, kindLabel: attachmentKindLabel(kind), fulfilled: present.has(kind) }));
  }

  /** An Anlage the caller may read: another Träger's answers 404, like a missing one. */
  get(scope: Scope, id: string, em: EntityManager = this.tx.manager, lock = false): Promise<Attachment> {
    return this.attachments.get(scope, id, { em, lock });
  }

  /** Marks the Anlagen that go to the Landratsamt with this submission (in its transaction). */
  markSubmitted(em: EntityManager, ownerType: AttachmentOwnerType, ownerId: string, at: Date): Promise<void> {
    return this.attachments.markSubmitted(ownerType, ownerId, at, em);
  }

  /** The file for a download; the download is audited before the first byte leaves. */
  async download(scope: Scope, id: string): Promise<{ attachment: Attachment; content: Readable }> {
    const attachment = await this.get(scope, id);
    const content = await this.storage.openRead(attachment.storageKey);
    try {
      await this.tx.run((em) =>
        this.audit.record(em, scope, {
          action: 'attachment.downloaded',
          entity: 'Attachment',
          entityId: id,
          after: { ownerType: attachment.ownerType, ownerId: attachment.ownerId, fileName: attachment.fileName, sha256: attachment.sha256 },
        }),
      );
    } catch (err) {
      content.destroy();
      throw err;
    }
    return { attachment, content };
  }

  /**
   * Deletes an Anlage: `assertDeletable` (the owner's rule, under the owner's lock) decides; the
   * row and the audit event go in one transaction, the file after the commit.
   */
  async remove(scope: Scope, id: string, assertDeletable: (em: EntityManager, attachment: Attachment) => Promise<void>): Promise<void> {
    const key = await this.tx.run(async (em) => {
      const attachment = await this.get(scope, id, em);
      await assertDeletable(em, attachment);
      const locked = await this.get(scope, id, em, true);
      await em.delete(Attachment, { id });
      await this.audit.record(em, scope, { action: 'attachment.deleted', entity: 'Attachment', entityId: id, before: snapshot(locked) });
      return locked.storageKey;
    });
    await this.storage.delete(key).catch(() => undefined);
  }

  /**
   * Nightly (uploads.cleanup): deletes files under `attachments/` older than `cutoff` that no Anlage
   * names: what an upload left when its process died between storing the file and committing the
   * row. An Anlage's file is never touched; rows are not changed. Audited when anything went.
   */
  async cleanupOrphans(cutoff: Date): Promise<number> {
    const candidates = (await this.storage.listOlderThan(cutoff)).filter((k) => k.startsWith('attachments/'));
    if (candidates.length === 0) return 0;
    const live = await this.attachments.liveStorageKeys(candidates);
    const removed: string[] = [];
    for (const key of candidates) if (!live.has(key) && (await this.storage.delete(key))) removed.push(key);
    if (removed.length > 0) {
      await this.tx.run((em) =>
        this.audit.record(em, systemScope(), { action: 'attachment.cleanup', entity: 'Attachment', entityId: 'orphans', after: { orphanFiles: removed.length, keys: removed.slice(0, 100) } }),
      );
    }
    return removed.length;
  }

  /** Gives the record's Anlagen its retention date (called in the transaction that submits it). */
  async retainWith(em: EntityManager, ownerType: AttachmentOwnerType, ownerId: string, retainUntil: string): Promise<void> {
    await this.attachments.retainUntil(ownerType, ownerId, retainUntil, em);
  }
}

export const ALL_ATTACHMENT_KINDS = Object.entries(ATTACHMENT_KINDS).map(([code, label]) => ({ code, label }));
