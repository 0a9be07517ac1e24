import { ApiProperty } from '@nestjs/swagger';
import { ApplicationStatus } from '@foerderfluss/applications';
import { FinancingPlanDto } from './financing-plan.dto';

/**
 * Response schemas for JSON documents the applications lib keeps with an Antrag (the Prüfung and
 * the submitted snapshots): the shapes of `ApplicationReviewDoc` and `applicationSnapshot()`.
 */

const CHECKLIST_RESULTS = ['OPEN', 'OK', 'NOT_OK', 'NOT_APPLICABLE'] as const;
const RECOMMENDATIONS = ['APPROVE', 'APPROVE_PARTIAL', 'REJECT'] as const;

export class ReviewChecklistEntryDto {
  @ApiProperty({ example: 'FORMAL_COMPLETE', description: 'Prüfpunkt' }) code!: string;
  @ApiProperty({ enum: CHECKLIST_RESULTS }) result!: (typeof CHECKLIST_RESULTS)[number];
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
}

export class ReviewVotumViewDto {
  @ApiProperty({ enum: RECOMMENDATIONS }) recommendation!: (typeof RECOMMENDATIONS)[number];
  @ApiProperty({ nullable: true, type: String, description: 'vorgeschlagene Zuwendung (Dezimal-String)' }) proposedAmount!: string | null;
  @ApiProperty({ description: 'Begründung' }) reasons!: string;
}

export class ApplicationReviewViewDto {
  @ApiProperty({ type: [ReviewChecklistEntryDto] }) checklist!: ReviewChecklistEntryDto[];
  @ApiProperty({ type: ReviewVotumViewDto, nullable: true }) votum!: ReviewVotumViewDto | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) reviewedBy!: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

/** Totals of a snapshot: as on the Antrag, without the balance. */
export class ApplicationSnapshotTotalsDto {
  @ApiProperty() totalCosts!: string;
  @ApiProperty() ownFunds!: string;
  @ApiProperty() thirdPartyFunds!: string;
  @ApiProperty() requestedAmount!: string;
}

/** The content of an Antrag as submitted (applicationSnapshot). */
export class ApplicationSnapshotDto {
  @ApiProperty({ example: 'A-2026-0001' }) reference!: string;
  @ApiProperty({ format: 'uuid' }) callId!: string;
  @ApiProperty({ format: 'uuid' }) providerId!: string;
  @ApiProperty({ enum: ApplicationStatus, description: 'Status zum Zeitpunkt der Einreichung' }) status!: ApplicationStatus;
  @ApiProperty() title!: string;
  @ApiProperty() purpose!: string;
  @ApiProperty() targetGroup!: string;
  @ApiProperty({ type: [String] }) fieldsOfAction!: string[];
  @ApiProperty() socialAreaCode!: string;
  @ApiProperty({ nullable: true, type: String }) municipality!: string | null;
  @ApiProperty({ format: 'date' }) periodStart!: string;
  @ApiProperty({ format: 'date' }) periodEnd!: string;
  @ApiProperty({ format: 'date' }) plannedStart!: string;
  @ApiProperty() contactName!: string;
  @ApiProperty() contactEmail!: string;
  @ApiProperty({ nullable: true, type: String }) contactPhone!: string | null;
  @ApiProperty() projectBegun!: boolean;
  @ApiProperty({ format: 'date', nullable: true, type: String }) projectBegunOn!: string | null;
  @ApiProperty() vatDeductible!: boolean;
  @ApiProperty({ nullable: true, type: String }) otherPublicFunding!: string | null;
  @ApiProperty() betterPositionRespected!: boolean;
  @ApiProperty({ type: FinancingPlanDto }) financingPlan!: FinancingPlanDto;
  @ApiProperty({ type: ApplicationSnapshotTotalsDto }) totals!: ApplicationSnapshotTotalsDto;
}

