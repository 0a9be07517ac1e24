import type { EntityManager } from 'typeorm';
import { attachmentKindLabel, AttachmentOwnerType } from './attachment-kinds';

/** The German labels of the kinds in `required` of which the Antrag has no Anlage yet. */
export async function missingRequiredAttachments(em: EntityManager, applicationId: string, required: readonly string[]): Promise<string[]> {
  if (required.length === 0) return [];
  const rows = (await em.query(`SELECT DISTINCT kind FROM attachment WHERE owner_type = $1 AND owner_id = $2`, [AttachmentOwnerType.APPLICATION, applicationId])) as {
    kind: string;
  }[];
  const present = new Set(rows.map((r) => r.kind));
  return required.filter((k) => !present.has(k)).map(attachmentKindLabel);
}

/** Marks the Anlagen that go to the Landratsamt with this submission (called in its transaction). */
export async function markAttachmentsSubmitted(em: EntityManager, ownerType: AttachmentOwnerType, ownerId: string, at: Date): Promise<void> {
  await em.query(`UPDATE attachment SET submitted_at = $3 WHERE owner_type = $1 AND owner_id = $2 AND submitted_at IS NULL`, [ownerType, ownerId, at]);
}
