import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { ATTACHMENT_KIND_CODES, Attachment, attachmentKindLabel, AttachmentList, AttachmentRequirement } from '@foerderfluss/applications';

/** The non-file field of the multipart upload. */
export class AttachmentUploadDto {
  @ApiProperty({ enum: ATTACHMENT_KIND_CODES, description: 'Art der Anlage: eine Pflichtanlage des Projektaufrufs oder OTHER' })
  // Checked in the service (422 with path `kind`): a refusal here would leave the received file behind.
  @IsOptional()
  @IsString()
  kind?: string;
}

/** OpenAPI shape of the multipart body (the file itself is checked by content in the service). */
export const ATTACHMENT_UPLOAD_SCHEMA = {
  type: 'object',
  required: ['file', 'kind'],
  properties: {
    file: { type: 'string', format: 'binary', description: 'PDF, PNG, JPEG, DOCX, XLSX oder ODT; erkannt am Inhalt, nicht am Namen' },
    kind: { type: 'string', enum: [...ATTACHMENT_KIND_CODES] },
  },
};

export class AttachmentKindDto {
  @ApiProperty({ enum: ATTACHMENT_KIND_CODES }) kind!: string;
  @ApiProperty({ example: 'Satzung' }) kindLabel!: string;
}

/** A kind as the reference list offers it: whether a Projektaufruf may name it as Pflichtanlage. */
export class AttachmentKindOptionDto extends AttachmentKindDto {
  @ApiProperty({ description: 'kann als Pflichtanlage eines Projektaufrufs verlangt werden' }) requirable!: boolean;
}

export class AttachmentRequirementDto extends AttachmentKindDto {
  @ApiProperty({ description: 'mindestens eine Anlage dieser Art liegt vor' }) fulfilled!: boolean;
}

export class AttachmentUploaderDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Maria Beispiel' }) displayName!: string;
}

export class AttachmentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['APPLICATION', 'PROOF_OF_USE'] }) ownerType!: string;
  @ApiProperty({ format: 'uuid' }) ownerId!: string;
  @ApiProperty({ enum: ATTACHMENT_KIND_CODES }) kind!: string;
  @ApiProperty({ example: 'Satzung' }) kindLabel!: string;
  @ApiProperty({ example: 'Satzung_2024.pdf' }) fileName!: string;
  @ApiProperty({ example: 'application/pdf' }) contentType!: string;
  @ApiProperty({ description: 'Bytes' }) size!: number;
  @ApiProperty({ description: 'SHA-256 (hex) des Inhalts' }) sha256!: string;
  @ApiProperty({ format: 'date-time' }) uploadedAt!: string;
  @ApiProperty({ type: AttachmentUploaderDto }) uploadedBy!: AttachmentUploaderDto;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'mit dem Antrag bzw. Nachweis eingereicht am (danach nicht mehr löschbar)' }) submittedAt!: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String, description: 'aufzubewahren bis (wie der Nachweis)' }) retainUntil!: string | null;
  @ApiProperty({ example: '/api/v1/attachments/…/file' }) downloadUrl!: string;
}

export class AttachmentPageDto {
  @ApiProperty({ type: [AttachmentDto] }) items!: AttachmentDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
  @ApiProperty({ type: [AttachmentKindDto], description: 'Arten, die hier hochgeladen werden können' }) allowedKinds!: AttachmentKindDto[];
  @ApiProperty({ type: [AttachmentRequirementDto], description: 'Pflichtanlagen des Projektaufrufs und ob sie vorliegen' }) requirements!: AttachmentRequirementDto[];
}

export function toAttachmentDto(a: Attachment): AttachmentDto {
  return {
    id: a.id,
    ownerType: a.ownerType,
    ownerId: a.ownerId,
    kind: a.kind,
    kindLabel: attachmentKindLabel(a.kind),
    fileName: a.fileName,
    contentType: a.contentType,
    size: a.sizeBytes,
    sha256: a.sha256,
    uploadedAt: a.uploadedAt.toISOString(),
    uploadedBy: { id: a.uploadedBy, displayName: a.uploader?.displayName ?? '' },
    submittedAt: a.submittedAt?.toISOString() ?? null,
    retainUntil: a.retainUntil,
    downloadUrl: `/api/v1/attachments/${a.id}/file`,
  };
}

export function toAttachmentPageDto(list: AttachmentList): AttachmentPageDto {
  return {
    items: list.items.map(toAttachmentDto),
    nextCursor: list.nextCursor,
    allowedKinds: list.allowedKinds.map((kind) => ({ kind, kindLabel: attachmentKindLabel(kind) })),
    requirements: list.requirements.map((r: AttachmentRequirement) => ({ kind: r.kind, kindLabel: r.kindLabel, fulfilled: r.fulfilled })),
  };
}
