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
