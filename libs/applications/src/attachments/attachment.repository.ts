import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RepositoryDefinition, ScopedRepository, timestampSortKey } from '@foerderfluss/database';
import { Attachment } from './attachment.entity';
import { attachmentKindLabel, AttachmentOwnerType } from './attachment-kinds';
import { attachmentNotFound } from './attachments.errors';

/** The filters of an Anlagen list; the owner's service has checked that the owner may be read. */
export interface AttachmentFilter {
  ownerType?: AttachmentOwnerType;
  ownerId?: string;
  kind?: string;
}

/**
 * Anlagen of Anträge and Verwendungsnachweise as the caller may see them: a Träger those of its own
 * organisation (copied onto each Anlage from its owner), staff and auditors all.
 */
@Injectable()
export class AttachmentRepository extends ScopedRepository<Attachment, AttachmentFilter> {
  protected readonly definition: RepositoryDefinition<Attachment, AttachmentFilter> = {
    entity: Attachment,
    alias: 'att',
    joins: (qb) => qb.leftJoinAndSelect('att.uploader', 'uploader'),
    // A Kreis user: the Anlagen of its Kreis's Anträge and Verwendungsnachweise (issue 20).
    visibility: {
      providerColumn: 'att.organisation_id',
      districtCondition: `EXISTS (SELECT 1 FROM application oa WHERE oa.id = att.owner_id AND oa.district_id = :scopeDistrict) OR EXISTS (SELECT 1 FROM proof_of_use op WHERE op.id = att.owner_id AND op.district_id = :scopeDistrict)`,
    },
    sort: {
      uploadedAt: timestampSortKey('att.uploaded_at', (a) => a.uploadedAt),
      fileName: { sql: 'att.file_name', value: (a) => a.fileName },
      kind: { sql: 'att.kind', value: (a) => a.kind },
    },
    defaultSort: ['uploadedAt'],
    filters: {
      ownerType: (qb, v) => qb.andWhere('att.owner_type = :ownerType', { ownerType: v }),
      ownerId: (qb, v) => qb.andWhere('att.owner_id = :ownerId', { ownerId: v }),
      kind: (qb, v) => qb.andWhere('att.kind = :attachmentKind', { attachmentKind: v }),
    },
    notFound: attachmentNotFound,
  };

  /** The kinds a record has at least one Anlage of. */
  async kindsPresent(ownerType: AttachmentOwnerType, ownerId: string, em: EntityManager = this.tx.manager): Promise<Set<string>> {
    const rows = (await em.query(`SELECT DISTINCT kind FROM attachment WHERE owner_type = $1 AND owner_id = $2`, [ownerType, ownerId])) as { kind: string }[];
    return new Set(rows.map((r) => r.kind));
  }

  /** The German labels of the kinds in `required` of which the record has no Anlage yet. */
  async missingKinds(ownerType: AttachmentOwnerType, ownerId: string, required: readonly string[], em: EntityManager = this.tx.manager): Promise<string[]> {
    if (required.length === 0) return [];
    const present = await this.kindsPresent(ownerType, ownerId, em);
    return required.filter((k) => !present.has(k)).map(attachmentKindLabel);
  }

  /** Marks the Anlagen that go to the Landratsamt with this submission (in its transaction). */
  markSubmitted(ownerType: AttachmentOwnerType, ownerId: string, at: Date, em: EntityManager): Promise<void> {
    return markAttachmentsSubmitted(em, ownerType, ownerId, at);
  }

  /** Of these storage keys, those an Anlage names (the rest are leftovers of interrupted uploads). */
  async liveStorageKeys(keys: string[], em: EntityManager = this.tx.manager): Promise<Set<string>> {
    const rows = (await em.query(`SELECT storage_key FROM attachment WHERE storage_key = ANY($1)`, [keys])) as { storage_key: string }[];
    return new Set(rows.map((r) => r.storage_key));
  }

  /** Gives the record's Anlagen its retention date (in the transaction that submits it). */
  async retainUntil(ownerType: AttachmentOwnerType, ownerId: string, retainUntil: string, em: EntityManager): Promise<void> {
    await em.getRepository(Attachment).update({ ownerType, ownerId }, { retainUntil });
  }
}

/**
 * Marks the Anlagen that go to the Landratsamt with this submission (called in its transaction).
 * For libs that submit a record owning Anlagen (the Verwendungsnachweis); prefer
 * `AttachmentRepository.markSubmitted` where the repository is injected.
 */
export async function markAttachmentsSubmitted(em: EntityManager, ownerType: AttachmentOwnerType, ownerId: string, at: Date): Promise<void> {
  await em.query(`UPDATE attachment SET submitted_at = $3 WHERE owner_type = $1 AND owner_id = $2 AND submitted_at IS NULL`, [ownerType, ownerId, at]);
}
