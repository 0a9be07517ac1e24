import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsIsoDate, IsMoneyAmount } from '../common/validators';
import { STATE_PROOF_ACTIONS, StateProofAction, StateProofView } from '@foerderfluss/proof-of-use';
import { RecoverySplitDto } from '../calculations/calculations.dto';
import { SourceAmountsDto } from '../funding/budget-years.dto';

export class OwnCostsDto {
  @ApiProperty({ description: 'eigene zuwendungsfähige Ausgaben des Landkreises' }) @IsMoneyAmount() ownEligibleCosts!: string;
}

export class StateProofSubmitDto {
  @ApiProperty({ format: 'date' }) @IsIsoDate() submittedOn!: string;
  @ApiProperty({ description: 'Aktenzeichen/Postausgang' }) @IsString() @IsNotEmpty() @MaxLength(200) submissionReference!: string;
}

export class StateRefundDto {
  @ApiProperty() @IsMoneyAmount() amount!: string;
  @ApiProperty({ format: 'date' }) @IsIsoDate() refundedOn!: string;
}

export class StateProofDto {
  @ApiProperty({ format: 'uuid' }) budgetYearId!: string;
  @ApiProperty() year!: number;
  @ApiProperty({ enum: ['DRAFT', 'SUBMITTED'] }) status!: string;
  @ApiProperty({ description: 'Σ festgesetzte Zuwendungen an Träger' }) providerGrants!: string;
  @ApiProperty() settledDecisions!: number;
  @ApiProperty({ description: 'Träger-Vorhaben des Jahres ohne freigegebene Festsetzung (VN offen oder Festsetzung nicht freigegeben)' }) openSettlements!: number;
  @ApiProperty({ description: 'vorläufig, solange Festsetzungen der Träger offen sind: A_kreis, Z_land und die Erstattung an das Land können sich noch ändern; so lange kann nicht eingereicht werden' })
  provisional!: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'der Hinweis, solange der Nachweis vorläufig ist' }) provisionalReason!: string | null;
  @ApiProperty({ type: SourceAmountsDto, description: 'an Träger ausgezahlt (in ausgeführten Zahlungsdateien gebucht)' }) paidToProviders!: SourceAmountsDto;
  @ApiProperty({ type: SourceAmountsDto, description: 'angewiesen, noch nicht ausgezahlt' }) approvedNotPaid!: SourceAmountsDto;
  @ApiProperty() ownEligibleCosts!: string;
  @ApiProperty({ description: 'A_kreis' }) districtRecognisedCosts!: string;
  @ApiProperty({ description: 'H_land' }) stateMaxAmount!: string;
  @ApiProperty({ description: 'vom Land erhalten (abzüglich Erstattungen)' }) stateDisbursed!: string;
  @ApiProperty({ description: 'Z_land' }) stateFinalGrant!: string;
  @ApiProperty() refundToState!: string;
  @ApiProperty() districtShare!: string;
  @ApiProperty() recoveredFromProviders!: string;
  @ApiProperty({ type: RecoverySplitDto }) recoverySplit!: RecoverySplitDto;
  @ApiProperty({ format: 'date', nullable: true, type: String }) submittedOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) submissionReference!: string | null;
  @ApiProperty({ enum: STATE_PROOF_ACTIONS, enumName: 'StateProofAction', isArray: true, description: 'was der Aufrufer jetzt mit dem Nachweis tun darf' })
  allowedActions!: StateProofAction[];
}

const sa = (a: { total: { toApiString(): string }; state: { toApiString(): string }; district: { toApiString(): string } }): SourceAmountsDto => ({
  total: a.total.toApiString(),
  state: a.state.toApiString(),
  district: a.district.toApiString(),
});

export function toStateProofDto(v: StateProofView, allowedActions: StateProofAction[]): StateProofDto {
  return {
    budgetYearId: v.budgetYear.id,
    year: v.budgetYear.year,
    status: v.proof.status,
    providerGrants: v.providerGrants.toApiString(),
    settledDecisions: v.settledDecisions,
    openSettlements: v.openSettlements,
    provisional: v.provisional,
    provisionalReason: v.provisionalReason,
    paidToProviders: sa(v.figures.paid),
    approvedNotPaid: sa(v.figures.approvedNotPaid),
    ownEligibleCosts: v.proof.ownEligibleCosts.toApiString(),
    districtRecognisedCosts: v.districtRecognisedCosts.toApiString(),
    stateMaxAmount: v.stateMaxAmount.toApiString(),
    stateDisbursed: v.stateDisbursed.toApiString(),
    stateFinalGrant: v.result.stateFinalGrant.toApiString(),
    refundToState: v.result.refundToState.toApiString(),
    districtShare: v.result.districtShare.toApiString(),
    recoveredFromProviders: v.recoveredFromProviders.toApiString(),
    recoverySplit: { state: v.result.recoverySplit.state.toApiString(), district: v.result.recoverySplit.district.toApiString() },
    submittedOn: v.proof.submittedOn,
    submissionReference: v.proof.submissionReference,
    allowedActions,
  };
}
