/**
 * Kinds of Anlagen, each with its one German label. A Projektaufruf names the kinds an Antrag must
 * carry (`funding_call.required_attachments`); OTHER is always allowed and never required.
 */
export const ATTACHMENT_KINDS = {
  STATUTES: 'Satzung',
  REGISTER_EXTRACT: 'Vereinsregisterauszug',
  TAX_EXEMPTION: 'Freistellungsbescheid',
  JOB_DESCRIPTION: 'Stellenbeschreibung',
  SIGNED_APPLICATION_FORM: 'unterschriebenes Antragsformular',
  OTHER: 'Sonstige Anlage',
} as const;

export type AttachmentKind = keyof typeof ATTACHMENT_KINDS;

export const ATTACHMENT_KIND_CODES = Object.keys(ATTACHMENT_KINDS) as AttachmentKind[];

/** The kinds a call may require (all but OTHER). */
export const REQUIRABLE_ATTACHMENT_KINDS = ATTACHMENT_KIND_CODES.filter((k) => k !== 'OTHER');

export function isAttachmentKind(code: string): code is AttachmentKind {
  return Object.prototype.hasOwnProperty.call(ATTACHMENT_KINDS, code);
}

export function attachmentKindLabel(code: string): string {
  return isAttachmentKind(code) ? ATTACHMENT_KINDS[code] : code;
}

/** The record an Anlage belongs to. */
export enum AttachmentOwnerType {
  APPLICATION = 'APPLICATION',
  PROOF_OF_USE = 'PROOF_OF_USE',
}
