import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Page, Scope } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { Application } from '../application.entity';
import { FundingCall } from '../funding-call.entity';
import { APPLICATION_LIFECYCLE } from '../application-state';
import { ApplicationsService } from '../applications.service';
import { Attachment } from './attachment.entity';
import { AttachmentOwnerType } from './attachment-kinds';
import { attachmentAlreadySubmitted, attachmentsLocked } from './attachments.errors';
import { AttachmentOwner, AttachmentRequirement, AttachmentsService, UploadedAttachmentFile } from './attachments.service';

/**
 * Anlagen are part of the Antrag's content: the Träger adds and deletes them while it may change the
 * Antrag (the lifecycle's `update`: draft, or returned for changes), nobody else.
 */
const mayChange = (scope: Scope, app: Application): boolean => APPLICATION_LIFECYCLE.permits(app.status, 'update', scope);

export interface AttachmentList extends Page<Attachment> {
  readonly allowedKinds: readonly string[];
  readonly requirements: AttachmentRequirement[];
}

export const allowedKindsOf = (call: Pick<FundingCall, 'requiredAttachments'>): string[] => [...call.requiredAttachments, 'OTHER'];

/** Anlagen of an Antrag: the Träger adds them while it works on the Antrag; everyone who may read the Antrag reads them. */
@Injectable()
export class ApplicationAttachmentsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly applications: ApplicationsService,
    private readonly attachments: AttachmentsService,
  ) {}

  async upload(scope: Scope, applicationId: string, file: UploadedAttachmentFile, kind: string): Promise<Attachment> {
    return this.attachments.upload(scope, (em, lock) => this.owner(scope, applicationId, em, lock), file, kind);
  }

  async list(scope: Scope, applicationId: string, q: { limit?: number; cursor?: string }): Promise<AttachmentList> {
    const app = await this.applications.get(scope, applicationId);
    const call = app.call!;
    const page = await this.attachments.list(scope, AttachmentOwnerType.APPLICATION, app.id, q);
    const requirements = await this.attachments.requirements(this.tx.manager, AttachmentOwnerType.APPLICATION, app.id, call.requiredAttachments);
    return { ...page, allowedKinds: allowedKindsOf(call), requirements };
  }

  /**
   * The Träger deletes its Anlage while it works on the Antrag; one that went to the Landratsamt
   * with a submitted version stays (a corrected Satzung is uploaded in addition).
   */
  async assertDeletable(scope: Scope, em: EntityManager, attachment: Attachment): Promise<void> {
    const app = await this.applications.get(scope, attachment.ownerId, em, true);
    if (!mayChange(scope, app)) throw attachmentsLocked();
    if (attachment.submittedAt) throw attachmentAlreadySubmitted();
  }

  private async owner(scope: Scope, applicationId: string, em: EntityManager, lock: boolean): Promise<AttachmentOwner> {
    const app: Application = await this.applications.get(scope, applicationId, em, lock);
    if (!mayChange(scope, app)) throw attachmentsLocked();
    const call = app.call!;
    return { type: AttachmentOwnerType.APPLICATION, id: app.id, organisationId: app.providerId, allowedKinds: allowedKindsOf(call), retainUntil: null };
  }
}
