import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { ReceiptImport } from '@foerderfluss/proof-of-use';

export const IMPORT_MODES = ['REPLACE', 'APPEND'] as const;

/** The non-file fields of the multipart upload. */
export class ReceiptImportUploadDto {
  @ApiPropertyOptional({ enum: IMPORT_MODES, default: 'REPLACE', description: 'REPLACE: ersetzt die Belegliste; APPEND: ergänzt sie' })
  @IsOptional()
  @IsIn(IMPORT_MODES as unknown as string[])
  mode?: (typeof IMPORT_MODES)[number];
}

/** OpenAPI shape of the multipart body (the file itself is not validated by class-validator). */
export const RECEIPT_IMPORT_UPLOAD_SCHEMA = {
  type: 'object',
  required: ['file'],
  properties: {
    file: { type: 'string', format: 'binary', description: 'Belegliste als .xlsx oder .csv (UTF-8); erkannt am Inhalt, nicht am Namen' },
    mode: { type: 'string', enum: [...IMPORT_MODES], default: 'REPLACE' },
  },
};

export class ReceiptImportErrorDto {
  @ApiProperty({ nullable: true, type: Number, description: 'Zeile in der Datei (wie in Excel gezählt)' }) row!: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Spaltenüberschrift' }) column!: string | null;
  @ApiProperty({ example: 'Zeile 17, Spalte Zahlungsdatum: Datum liegt vor dem Beginn des Bewilligungszeitraums.' }) message!: string;
}

export class ReceiptImportDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) proofId!: string;
  @ApiProperty({ enum: ['QUEUED', 'RUNNING', 'COMPLETED', 'FAILED'] }) status!: string;
  @ApiProperty({ enum: ['XLSX', 'CSV'] }) format!: string;
  @ApiProperty({ enum: IMPORT_MODES }) mode!: string;
  @ApiProperty() originalName!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty({ minimum: 0, maximum: 100, description: 'Fortschritt in %' }) progress!: number;
  @ApiProperty({ description: 'gelesene Belegzeilen' }) rowsRead!: number;
  @ApiProperty({ description: 'übernommene Belege (0, solange nicht abgeschlossen)' }) rowsImported!: number;
  @ApiProperty({ type: [ReceiptImportErrorDto], description: 'jeder Fehler mit Zeile und Spalte' }) errors!: ReceiptImportErrorDto[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finishedAt!: string | null;
}

export class ReceiptImportPageDto {
  @ApiProperty({ type: [ReceiptImportDto] }) items!: ReceiptImportDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export function toReceiptImportDto(i: ReceiptImport): ReceiptImportDto {
  return {
    id: i.id,
    proofId: i.proofId,
    status: i.status,
    format: i.format,
    mode: i.mode,
    originalName: i.originalName,
    sizeBytes: i.sizeBytes,
    progress: i.progress,
    rowsRead: i.rowsRead,
    rowsImported: i.rowsImported,
    errors: i.errors.map((e) => ({ row: e.row, column: e.column, message: e.message })),
    createdAt: i.createdAt.toISOString(),
    finishedAt: i.finishedAt ? i.finishedAt.toISOString() : null,
  };
}
