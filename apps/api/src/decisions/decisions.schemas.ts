import { ApiProperty } from '@nestjs/swagger';
import { FinancingPlanDto } from '../applications/financing-plan.dto';

/** Totals frozen with the approved plan (planSnapshot), amounts as decimal strings. */
export class ApprovedPlanTotalsDto {
  @ApiProperty({ example: '100000.00' }) totalCosts!: string;
  @ApiProperty({ example: '6000.00' }) ownFunds!: string;
  @ApiProperty({ example: '4000.00' }) thirdPartyFunds!: string;
  @ApiProperty({ example: '90000.00', description: 'beantragte Zuwendung (Finanzierungszeilen GRANT)' }) requestedGrant!: string;
}

/** The Kosten- und Finanzierungsplan a decision version rests on, frozen at the proposal. */
export class ApprovedPlanDto extends FinancingPlanDto {
  @ApiProperty({ type: ApprovedPlanTotalsDto }) totals!: ApprovedPlanTotalsDto;
}
