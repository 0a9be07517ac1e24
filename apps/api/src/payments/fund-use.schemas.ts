import { ApiProperty } from '@nestjs/swagger';
import { InterestSegmentDetailDto } from '../common/interest.schemas';
import { DAY_COUNT_CONVENTIONS, DayCountConvention } from '@foerderfluss/core';

/** Late-use interest (§ 49a Abs. 4 VwVfG) as the rule returns it: amounts exact, dates YYYY-MM-DD. */
export class LateUseAllocationDto {
  @ApiProperty({ enum: ['USE', 'UNUSED_AS_OF'], description: 'USE: Verwendung; UNUSED_AS_OF: zum Stichtag nicht verwendeter Rest' }) kind!: 'USE' | 'UNUSED_AS_OF';
  @ApiProperty({ format: 'date', description: 'Tag der Verwendung bzw. Stichtag' }) date!: string;
  @ApiProperty() amount!: string;
  @ApiProperty({ description: 'nach Ablauf der Verwendungsfrist verwendet' }) late!: boolean;
  @ApiProperty({ description: 'Zinstage; 0, wenn rechtzeitig' }) days!: number;
  @ApiProperty({ description: 'Zinsen, ungerundet' }) interest!: string;
}

export class LateUseTrancheDto {
  @ApiProperty({ format: 'date', description: 'Tag der Auszahlung' }) date!: string;
  @ApiProperty() amount!: string;
  @ApiProperty({ format: 'date', description: 'letzter Tag einer rechtzeitigen Verwendung' }) horizonEnd!: string;
  @ApiProperty() usedInTime!: string;
  @ApiProperty() usedLate!: string;
  @ApiProperty() unused!: string;
  @ApiProperty({ type: [LateUseAllocationDto] }) allocations!: LateUseAllocationDto[];
  @ApiProperty({ description: 'Zinsen dieser Auszahlung, ungerundet' }) interest!: string;
  @ApiProperty({ type: [InterestSegmentDetailDto] }) segments!: InterestSegmentDetailDto[];
}

export class LateUseParametersUsedDto {
  @ApiProperty({ enum: DAY_COUNT_CONVENTIONS }) dayCount!: DayCountConvention;
  @ApiProperty({ example: '5', description: 'Prozentpunkte über dem Basiszinssatz' }) surchargePercentagePoints!: string;
  @ApiProperty({ example: 2, description: 'Verwendungsfrist in Monaten nach der Auszahlung' }) horizonMonths!: number;
}
