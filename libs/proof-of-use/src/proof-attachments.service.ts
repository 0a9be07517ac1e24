import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Scope } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import {
  allowedKindsOf,
  ApplicationAttachmentsService,
  Attachment,
  AttachmentList,
  AttachmentOwner,
  AttachmentOwnerType,
  AttachmentsService,
  UploadedAttachmentFile,
} from '@foerderfluss/applications';
import { ProofOfUse } from './proof-of-use.entity';
import { proofTransition } from './proof-state';
import { ProofsService } from './proofs.service';
import { ProofOfUseRepository } from './proof-of-use.repository';
import { ProofAttachmentRepository } from './proof-attachment.repository';

/**
 * Anlagen of a Verwendungsnachweis (the Träger adds them while the proof is a draft; they keep the
 * proof's retention once it is submitted), and the deletion of any Anlage by its id, which asks the
 * owner's rule: this lib is the lowest that knows both owners.
 */
@Injectable()
export class ProofAttachmentsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly proofs: ProofsService,
    private readonly attachments: AttachmentsService,
    private readonly applicationAttachments: ApplicationAttachmentsService,
    private readonly proofRepo: ProofOfUseRepository,
    private readonly repo: ProofAttachmentRepository,
  ) {}

  async upload(scope: Scope, proofId: string, file: UploadedAttachmentFile, kind: string): Promise<Attachment> {
    return this.attachments.upload(scope, (em, lock) => this.owner(scope, proofId, em, lock), file, kind);
  }

  /** Proofs have no Pflichtanlagen; the kinds offered are those of the Antrag's call. */
  async list(scope: Scope, proofId: string, q: { limit?: number; cursor?: string }): Promise<AttachmentList> {
    const proof = await this.proofs.get(scope, proofId);
    const page = await this.repo.list(scope, { proofId: proof.id, limit: q.limit, cursor: q.cursor });
    return { ...page, allowedKinds: await this.allowedKinds(this.tx.manager, proof), requirements: [] };
  }

  async remove(scope: Scope, attachmentId: string): Promise<void> {
    await this.attachments.remove(scope, attachmentId, async (em: EntityManager, a: Attachment) => {
      if (a.ownerType === AttachmentOwnerType.APPLICATION) await this.applicationAttachments.assertDeletable(scope, em, a);
      else await this.proofs.editable(scope, a.ownerId, em);
    });
  }

  private async owner(scope: Scope, proofId: string, em: EntityManager, lock: boolean): Promise<AttachmentOwner> {
    const proof = lock ? await this.proofs.editable(scope, proofId, em) : await this.proofs.get(scope, proofId, em);
    proofTransition(proof.status, 'update', scope);
    return {
      type: AttachmentOwnerType.PROOF_OF_USE,
      id: proof.id,
      organisationId: proof.providerId,
      allowedKinds: await this.allowedKinds(em, proof),
      retainUntil: proof.retainUntil,
    };
  }

  private async allowedKinds(em: EntityManager, proof: ProofOfUse): Promise<string[]> {
    return allowedKindsOf(await this.proofRepo.applicationFrame(em, proof.decisionId));
  }
}
