import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RepositoryDefinition, ScopedRepository, timestampSortKey } from '@foerderfluss/database';
import { Attachment, AttachmentOwnerType, attachmentNotFound } from '@foerderfluss/applications';
import { decisionIssuedCondition } from '@foerderfluss/decisions';
import { ProofOfUse } from './proof-of-use.entity';

export interface ProofAttachmentFilter {
  proofId?: string;
}

/**
 * The Anlagen of Verwendungsnachweise as the caller may see them: through their proof (a Träger its
 * own, of an issued decision), oldest first like every Anlagen list.
 */
@Injectable()
export class ProofAttachmentRepository extends ScopedRepository<Attachment, ProofAttachmentFilter> {
  protected readonly definition: RepositoryDefinition<Attachment, ProofAttachmentFilter> = {
    entity: Attachment,
    alias: 'att',
    joins: (qb) =>
      qb
        .leftJoinAndSelect('att.uploader', 'uploader')
        .innerJoin(ProofOfUse, 'p', `p.id = att.owner_id AND att.owner_type = '${AttachmentOwnerType.PROOF_OF_USE}'`)
        .innerJoin('p.decision', 'd'),
    visibility: { providerColumn: 'p.provider_id', providerCondition: decisionIssuedCondition('d') },
    sort: {
      uploadedAt: timestampSortKey('att.uploaded_at', (a) => a.uploadedAt),
    },
    defaultSort: ['uploadedAt'],
    filters: {
      proofId: (qb, v) => qb.andWhere('att.owner_id = :proofId', { proofId: v }),
    },
    notFound: attachmentNotFound,
  };

  /** Anlagen keep the retention of their proof (set on submission). */
  async retainUntil(em: EntityManager, proofId: string, retainUntil: string): Promise<void> {
    await em.update(Attachment, { ownerType: AttachmentOwnerType.PROOF_OF_USE, ownerId: proofId }, { retainUntil });
  }
}
