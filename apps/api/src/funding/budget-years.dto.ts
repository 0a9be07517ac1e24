import { DistrictFieldsDto, districtFields } from '../common/district-fields';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { Money } from '@foerderfluss/core';
import { BudgetFigures, BudgetYear, BudgetYearStatus, LedgerEntry, LedgerKind, SourceAmounts, Breakdown, BreakdownRow } from '@foerderfluss/funding';
import { SortedListQueryDto } from '../common/dto';
import { IsDecimalAmount, IsIsoDate } from '../common/validators';
import { MultiLineText } from '../common/text-input';

const SIGNED_AMOUNT = /^-?\d{1,13}(\.\d{1,2})?$/;
const PERCENT = /^\d{1,3}(\.\d{1,6})?$/;

export class CreateBudgetYearDto {
  @ApiProperty({ format: 'uuid', description: 'Förderprogramm (Richtlinie)' })
  @IsUUID()
  programmeId!: string;

  @ApiProperty({ example: 2026 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiProperty({ example: 'TLVwA 250-4.1-2026/017', description: 'Aktenzeichen des Zuwendungsbescheids des Landes' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  stateGrantReference!: string;

  @ApiProperty({ format: 'date', example: '2025-12-15' })
  @IsIsoDate()
  stateGrantDate!: string;

  @ApiProperty({ example: '419250.00', description: 'Höchstbetrag des Landes (H_land)' })
  @IsDecimalAmount()
  stateMaxAmount!: string;

  @ApiProperty({ example: '80', description: 'Fördersatz des Landes in Prozent' })
  @IsString()
  @Matches(PERCENT, { message: 'Bitte einen Prozentsatz zwischen 0 und 100 angeben, z. B. "80".' })
  stateRatePercent!: string;

  @ApiProperty({ format: 'date', example: '2026-01-01' })
  @IsIsoDate()
  periodStart!: string;

  @ApiProperty({ format: 'date', example: '2026-12-31' })
  @IsIsoDate()
  periodEnd!: string;

  @ApiProperty({ format: 'date', example: '2027-06-30', description: 'Frist für den Verwendungsnachweis an das Land' })
  @IsIsoDate()
  stateProofDue!: string;

  @ApiProperty({ example: '104812.50', description: 'Eigenanteil des Landkreises' })
  @IsDecimalAmount()
  districtShareAmount!: string;

  @ApiProperty({ example: '31.5.01.7180', description: 'Haushaltsstelle / Produktkonto' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  districtBudgetLine!: string;

  @ApiPropertyOptional({ format: 'date', nullable: true, type: String, description: 'Ausschlussfrist für Anträge' })
  @IsOptional()
  @IsIsoDate()
  applicationDeadline?: string | null;
}

export class UpdateBudgetYearDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) stateGrantReference?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsIsoDate() stateGrantDate?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsIsoDate() periodStart?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsIsoDate() periodEnd?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsIsoDate() stateProofDue?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) districtBudgetLine?: string;
  @ApiPropertyOptional({ format: 'date', nullable: true, type: String }) @IsOptional() @IsIsoDate() applicationDeadline?: string | null;
  @ApiPropertyOptional({ enum: BudgetYearStatus }) @IsOptional() @IsEnum(BudgetYearStatus) status?: BudgetYearStatus;
}

export class AllocationChangeDto {
  @ApiProperty({ enum: ['STATE', 'DISTRICT'], description: 'Landesmittel oder Eigenanteil des Kreises' })
  @IsIn(['STATE', 'DISTRICT'])
  source!: 'STATE' | 'DISTRICT';

  @ApiProperty({ example: '-5000.00', description: 'Änderung: positiv erhöht, negativ senkt die verfügbaren Mittel' })
  @IsString()
  @Matches(SIGNED_AMOUNT, { message: 'Bitte einen Betrag mit höchstens zwei Nachkommastellen angeben, z. B. "-5000.00".' })
  amount!: string;

  @ApiProperty({ example: 'Änderungsbescheid des Landes vom 01.06.2026' })
  @IsString()
  @IsNotEmpty()
  @MultiLineText()
  @MaxLength(500)
  reason!: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsIsoDate()
  bookingDate?: string;
}

/** `sort`: bookingDate (default, ties by posting order), amount, kind; `-bookingDate` newest first. */
export class LedgerQueryDto extends SortedListQueryDto {
  @ApiPropertyOptional({ enum: LedgerKind }) @IsOptional() @IsEnum(LedgerKind) kind?: LedgerKind;
  @ApiPropertyOptional({ format: 'uuid', description: 'Träger' }) @IsOptional() @IsUUID() providerId?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Buchungsdatum ab (inklusive)' }) @IsOptional() @IsIsoDate() from?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Buchungsdatum bis (inklusive)' }) @IsOptional() @IsIsoDate() to?: string;
}

export class BudgetYearQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'nur Vorgänge dieses Kreises' }) @IsOptional() @IsUUID() districtId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() programmeId?: string;
}

export class SourceAmountsDto {
  @ApiProperty({ example: '524062.50' }) total!: string;
  @ApiProperty({ example: '419250.00', description: 'Landesanteil' }) state!: string;
  @ApiProperty({ example: '104812.50', description: 'Kreisanteil' }) district!: string;
}

/**
 * The budget figures of a year per source (BudgetFiguresService; definitions in docs/architecture.md,
 * "Budget figures"). `paid` and `approvedNotPaid` are apart: only a payout booked in an executed
 * payment file is "ausgezahlt".
 */
export class BalancesDto {
  @ApiProperty({ type: SourceAmountsDto, description: 'bereitgestellt: Zuweisung des Landes und Eigenanteil des Kreises' }) allocated!: SourceAmountsDto;
  @ApiProperty({ type: SourceAmountsDto, description: 'gebunden: erlassene Bescheide und Verträge' }) committed!: SourceAmountsDto;
  @ApiProperty({ type: SourceAmountsDto, description: 'vorgeschlagen: Entscheidungen, die auf die Freigabe warten (noch nicht erlassen)' }) proposed!: SourceAmountsDto;
  @ApiProperty({ type: SourceAmountsDto, description: 'frei: bereitgestellt − gebunden' }) freeToCommit!: SourceAmountsDto;
  @ApiProperty({ type: SourceAmountsDto, description: 'frei nach den Vorschlägen: frei − vorgeschlagen' }) freeAfterProposals!: SourceAmountsDto;
  @ApiProperty({ type: SourceAmountsDto, description: 'angewiesen: Auszahlung freigegeben, noch nicht in einer ausgeführten Zahlungsdatei gebucht' }) approvedNotPaid!: SourceAmountsDto;
  @ApiProperty({ type: SourceAmountsDto, description: 'ausgezahlt: in einer ausgeführten Zahlungsdatei gebucht' }) paid!: SourceAmountsDto;
  @ApiProperty({ type: SourceAmountsDto, description: 'gebunden, noch nicht angewiesen: gebunden − angewiesen − ausgezahlt' }) notYetApproved!: SourceAmountsDto;
  @ApiProperty({ type: SourceAmountsDto, description: 'Rückforderungen festgesetzt' }) recoveriesDue!: SourceAmountsDto;
  @ApiProperty({ type: SourceAmountsDto, description: 'Rückzahlungen eingegangen' }) recoveriesReceived!: SourceAmountsDto;
  @ApiProperty({ type: SourceAmountsDto, description: 'Rückforderungen offen: festgesetzt − eingegangen' }) recoveriesOpen!: SourceAmountsDto;
  @ApiProperty({ description: 'vom Land erhalten' }) receivedFromState!: string;
  @ApiProperty({ description: 'an das Land erstattet' }) refundedToState!: string;
  @ApiProperty() entryCount!: number;
}

export class BudgetYearDto extends DistrictFieldsDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) programmeId!: string;
  @ApiProperty() programmeCode!: string;
  @ApiProperty() year!: number;
  @ApiProperty() stateGrantReference!: string;
  @ApiProperty({ format: 'date' }) stateGrantDate!: string;
  @ApiProperty({ description: 'Höchstbetrag des Landes (H_land), aus den Buchungen' }) stateMaxAmount!: string;
  @ApiProperty() stateRatePercent!: string;
  @ApiProperty({ format: 'date' }) periodStart!: string;
  @ApiProperty({ format: 'date' }) periodEnd!: string;
  @ApiProperty({ format: 'date' }) stateProofDue!: string;
  @ApiProperty({ description: 'Eigenanteil des Kreises, aus den Buchungen' }) districtShareAmount!: string;
  @ApiProperty() districtBudgetLine!: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) applicationDeadline!: string | null;
  @ApiProperty({ enum: BudgetYearStatus }) status!: BudgetYearStatus;
  @ApiProperty() version!: number;
  @ApiProperty({ type: BalancesDto }) balances!: BalancesDto;
}

export class LedgerEntryDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: LedgerKind }) kind!: string;
  @ApiProperty() amount!: string;
  @ApiProperty() stateShare!: string;
  @ApiProperty() districtShare!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) providerId!: string | null;
  @ApiProperty({ nullable: true, type: String }) fieldOfActionCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) socialAreaCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) referenceType!: string | null;
  @ApiProperty({ nullable: true, type: String }) referenceId!: string | null;
  @ApiProperty({ nullable: true, type: String }) correctsEntryId!: string | null;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ format: 'date' }) bookingDate!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) actorId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class LedgerPageDto {
  @ApiProperty({ type: [LedgerEntryDto] }) items!: LedgerEntryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class BreakdownRowDto {
  @ApiProperty({ nullable: true, type: String, description: 'Code bzw. ID; null = ohne Zuordnung gebucht' }) key!: string | null;
  @ApiProperty({ nullable: true, type: String }) name!: string | null;
  @ApiProperty({ type: SourceAmountsDto, description: 'gebunden' }) committed!: SourceAmountsDto;
  @ApiProperty({ type: SourceAmountsDto, description: 'vorgeschlagen' }) proposed!: SourceAmountsDto;
  @ApiProperty({ type: SourceAmountsDto, description: 'angewiesen, noch nicht ausgezahlt' }) approvedNotPaid!: SourceAmountsDto;
  @ApiProperty({ type: SourceAmountsDto, description: 'ausgezahlt' }) paid!: SourceAmountsDto;
}

/** Every Handlungsfeld and Sozialraum is a row (0 where no money went); the columns add up to the year's figures. */

export class BreakdownDto {
  @ApiProperty({ type: [BreakdownRowDto] }) byFieldOfAction!: BreakdownRowDto[];
  @ApiProperty({ type: [BreakdownRowDto] }) bySocialArea!: BreakdownRowDto[];
  @ApiProperty({ type: [BreakdownRowDto] }) byProvider!: BreakdownRowDto[];
}

const s = (m: Money): string => m.toApiString();
const sa = (a: SourceAmounts): SourceAmountsDto => ({ total: s(a.total), state: s(a.state), district: s(a.district) });

export function toBalancesDto(b: BudgetFigures): BalancesDto {
  return {
    allocated: sa(b.allocated),
    committed: sa(b.committed),
    proposed: sa(b.proposed),
    freeToCommit: sa(b.freeToCommit),
    freeAfterProposals: sa(b.freeAfterProposals),
    approvedNotPaid: sa(b.approvedNotPaid),
    paid: sa(b.paid),
    notYetApproved: sa(b.notYetApproved),
    recoveriesDue: sa(b.recoveriesDue),
    recoveriesReceived: sa(b.recoveriesReceived),
    recoveriesOpen: sa(b.recoveriesOpen),
    receivedFromState: s(b.receivedFromState),
    refundedToState: s(b.refundedToState),
    entryCount: b.entryCount,
  };
}

export function toBudgetYearDto({ year, programmeCode }: { year: BudgetYear; programmeCode: string }, figures: BudgetFigures): BudgetYearDto {
  return {
    ...districtFields(year),
    id: year.id,
    programmeId: year.programmeId,
    programmeCode,
    year: year.year,
    stateGrantReference: year.stateGrantReference,
    stateGrantDate: year.stateGrantDate,
    stateMaxAmount: s(figures.allocated.state),
    stateRatePercent: year.stateRatePercent.toPercentString(),
    periodStart: year.periodStart,
    periodEnd: year.periodEnd,
    stateProofDue: year.stateProofDue,
    districtShareAmount: s(figures.allocated.district),
    districtBudgetLine: year.districtBudgetLine,
    applicationDeadline: year.applicationDeadline,
    status: year.status,
    version: year.version,
    balances: toBalancesDto(figures),
  };
}

export function toLedgerEntryDto(e: LedgerEntry): LedgerEntryDto {
  return {
    id: e.id,
    kind: e.kind,
    amount: s(e.amount),
    stateShare: s(e.stateShare),
    districtShare: s(e.districtShare),
    providerId: e.providerId,
    fieldOfActionCode: e.fieldOfActionCode,
    socialAreaCode: e.socialAreaCode,
    referenceType: e.referenceType,
    referenceId: e.referenceId,
    correctsEntryId: e.correctsEntryId,
    note: e.note,
    bookingDate: e.bookingDate,
    actorId: e.actorId,
    createdAt: e.createdAt.toISOString(),
  };
}

const row = (r: BreakdownRow): BreakdownRowDto => ({ key: r.key, name: r.name, committed: sa(r.committed), proposed: sa(r.proposed), approvedNotPaid: sa(r.approvedNotPaid), paid: sa(r.paid) });

export function toBreakdownDto(b: Breakdown): BreakdownDto {
  return { byFieldOfAction: b.byFieldOfAction.map(row), bySocialArea: b.bySocialArea.map(row), byProvider: b.byProvider.map(row) };
}
