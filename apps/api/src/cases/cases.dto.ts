import { DistrictFieldsDto } from '../common/district-fields';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { Role } from '@foerderfluss/core';
import {
  AssignableUser,
  CASE_ACTIONS,
  CASE_TYPES,
  CaseAction,
  CaseSummary,
  CaseType,
  CaseView,
  FOLLOW_UP_ACTIONS,
  FOLLOW_UP_NOTE_MAX,
  FollowUpAction,
  FollowUpStatus,
  FollowUpView,
  HISTORY_RECORD_TYPES,
  HistoryEntry,
  HistoryRecordType,
  PersonRef,
} from '@foerderfluss/cases';
import { IsIsoDate } from '../common/validators';
import { ListQueryDto } from '../common/dto';
import { MultiLineText } from '../common/text-input';

export class PersonRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Sabine Kretzschmar' }) displayName!: string;
}

export class NextFollowUpDto {
  @ApiProperty({ format: 'date' }) dueDate!: string;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
}

export class FollowUpDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date', description: 'Tag der Wiedervorlage' }) dueDate!: string;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ enum: FollowUpStatus, enumName: 'FollowUpStatus' }) status!: FollowUpStatus;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: PersonRefDto, nullable: true }) createdBy!: PersonRefDto | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) doneAt!: string | null;
  @ApiProperty({ type: PersonRefDto, nullable: true }) doneBy!: PersonRefDto | null;
  @ApiProperty({ enum: FOLLOW_UP_ACTIONS, enumName: 'FollowUpAction', isArray: true, description: 'complete: als erledigt markieren' })
  allowedActions!: FollowUpAction[];
}

/** Zuständigkeit und Wiedervorlagen eines Vorgangs (nur Landratsamt und Prüfung). */
export class CaseDto {
  @ApiProperty({ enum: CASE_TYPES, enumName: 'CaseType' }) type!: CaseType;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'Aktenzeichen bzw. Antragsnummer' }) reference!: string;
  @ApiProperty({ type: PersonRefDto, nullable: true, description: 'Zuständig' }) assignee!: PersonRefDto | null;
  @ApiProperty({ type: PersonRefDto, nullable: true, description: 'Vertretung' }) standIn!: PersonRefDto | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'seit wann die Zuständigkeit so gilt' }) assignedAt!: string | null;
  @ApiProperty({ type: PersonRefDto, nullable: true, description: 'wer sie zuletzt gesetzt hat' }) assignedBy!: PersonRefDto | null;
  @ApiProperty({ type: NextFollowUpDto, nullable: true, description: 'nächste offene Wiedervorlage' }) nextFollowUp!: NextFollowUpDto | null;
  @ApiProperty({ type: [FollowUpDto], description: 'offene nach Datum, dann erledigte' }) followUps!: FollowUpDto[];
  @ApiProperty({ enum: CASE_ACTIONS, enumName: 'CaseAction', isArray: true, description: 'assign: Zuständigkeit setzen; addFollowUp: Wiedervorlage anlegen' })
  allowedActions!: CaseAction[];
}

export class AssignmentBodyDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Zuständig: eine aktive Person des Landratsamts (ADMIN, STAFF, APPROVER); null = niemand' })
  @ValidateIf((_o, v) => v !== null)
  @IsUUID()
  assigneeId!: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Vertretung: eine andere aktive Person des Landratsamts; null = keine' })
  @ValidateIf((_o, v) => v !== null)
  @IsUUID()
  standInId!: string | null;
}

export class FollowUpBodyDto {
  @ApiProperty({ format: 'date', description: 'Tag der Wiedervorlage, frühestens heute' })
  @IsIsoDate()
  dueDate!: string;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: FOLLOW_UP_NOTE_MAX, description: 'Notiz, worum es geht' })
  @IsOptional()
  @IsString()
  @MultiLineText()
  @MaxLength(FOLLOW_UP_NOTE_MAX)
  note?: string | null;
}

export class AssignableUserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: Role, isArray: true }) roles!: Role[];
}

export class HistoryChangeDto {
  @ApiProperty({ description: 'Feld im Protokoll, z. B. status oder totals.requestedAmount' }) field!: string;
  @ApiProperty({ example: 'Status' }) label!: string;
  @ApiProperty({ nullable: true, type: String, example: 'eingereicht' }) before!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'in Prüfung' }) after!: string | null;
  @ApiProperty({ example: 'Status: eingereicht → in Prüfung' }) text!: string;
}

export class HistoryEntryDto {
  @ApiProperty({ description: 'Nummer des Protokolleintrags (als Text, 64 Bit)' }) id!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ type: PersonRefDto, nullable: true, description: 'wer; null beim System' }) actor!: PersonRefDto | null;
  @ApiProperty({ example: 'Sabine Kretzschmar', description: 'Anzeigename, „System“ ohne Person' }) actorName!: string;
  @ApiProperty({ example: 'application.start-review' }) action!: string;
  @ApiProperty({ example: 'Prüfung begonnen' }) actionLabel!: string;
  @ApiProperty({ example: 'Application' }) entity!: string;
  @ApiProperty({ example: 'Antrag' }) entityLabel!: string;
  @ApiProperty() entityId!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Teil des Vorgangs, z. B. „Beleg SM-2026-01“' }) subject!: string | null;
  @ApiProperty({ type: [HistoryChangeDto] }) changes!: HistoryChangeDto[];
}

export class HistoryPageDto {
  @ApiProperty({ type: [HistoryEntryDto] }) items!: HistoryEntryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class HistoryQueryDto extends ListQueryDto {}

/** The path parameter {type} of /cases/{type}/{id}. */
export const CASE_TYPE_PARAM = { name: 'type', enum: CASE_TYPES, enumName: 'CaseType' };
/** The path parameter {type} of /history/{type}/{id}. */
export const HISTORY_TYPE_PARAM = { name: 'type', enum: HISTORY_RECORD_TYPES, enumName: 'HistoryRecordType' };
export type { HistoryRecordType };

/**
 * The fields the case DTOs (Antrag, Bescheid, VN, Rückforderung) carry for the Landratsamt and the
 * Prüfung; for a Träger they are absent.
 */
export class CaseFieldsDto extends DistrictFieldsDto {
  @ApiPropertyOptional({ type: PersonRefDto, nullable: true, description: 'Zuständig (nur Landratsamt und Prüfung; fehlt für Träger)' }) assignee?: PersonRefDto | null;
  @ApiPropertyOptional({ type: PersonRefDto, nullable: true, description: 'Vertretung (nur Landratsamt und Prüfung; fehlt für Träger)' }) standIn?: PersonRefDto | null;
  @ApiPropertyOptional({ type: NextFollowUpDto, nullable: true, description: 'nächste offene Wiedervorlage (nur Landratsamt und Prüfung; fehlt für Träger)' })
  nextFollowUp?: NextFollowUpDto | null;
}

/**
 * The `assigneeId` query parameter of the case lists: the cases of this person as assignee OR
 * stand-in; `me` is the caller. Träger get an empty list (libs/database caseAssigneeFilter).
 */
export const AssigneeFilter = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({
      type: String,
      description: 'nur Vorgänge dieser Person (ID) als Zuständige ODER Vertretung; „me“ = ich selbst. Nur Landratsamt und Prüfung; für Träger ist die Liste leer.',
      example: 'me',
    }),
    IsOptional(),
    ValidateIf((_o, v) => v !== 'me'),
    IsUUID(),
  );

export function toPersonDto(p: PersonRef | null): PersonRefDto | null {
  return p ? { id: p.id, displayName: p.displayName } : null;
}

export function toCaseFields(s: CaseSummary): Required<Omit<CaseFieldsDto, keyof DistrictFieldsDto>> {
  return { assignee: toPersonDto(s.assignee), standIn: toPersonDto(s.standIn), nextFollowUp: s.nextFollowUp ? { ...s.nextFollowUp } : null };
}

function toFollowUpDto(f: FollowUpView): FollowUpDto {
  return {
    id: f.id,
    dueDate: f.dueDate,
    note: f.note,
    status: f.status,
    createdAt: f.createdAt.toISOString(),
    createdBy: toPersonDto(f.createdBy),
    doneAt: f.doneAt ? f.doneAt.toISOString() : null,
    doneBy: toPersonDto(f.doneBy),
    allowedActions: f.allowedActions,
  };
}

export function toCaseDto(c: CaseView): CaseDto {
  return {
    type: c.type,
    id: c.id,
    reference: c.reference,
    ...toCaseFields(c),
    assignedAt: c.assignedAt ? c.assignedAt.toISOString() : null,
    assignedBy: toPersonDto(c.assignedBy),
    followUps: c.followUps.map(toFollowUpDto),
    allowedActions: c.allowedActions,
  };
}

export function toAssignableUserDto(u: AssignableUser): AssignableUserDto {
  return { id: u.id, displayName: u.displayName, roles: u.roles };
}

export function toHistoryEntryDto(e: HistoryEntry): HistoryEntryDto {
  return {
    id: e.id,
    occurredAt: e.occurredAt.toISOString(),
    actor: toPersonDto(e.actor),
    actorName: e.actor?.displayName ?? 'System',
    action: e.action,
    actionLabel: e.actionLabel,
    entity: e.entity,
    entityLabel: e.entityLabel,
    entityId: e.entityId,
    subject: e.subject,
    changes: e.changes.map((c) => ({ ...c })),
  };
}
