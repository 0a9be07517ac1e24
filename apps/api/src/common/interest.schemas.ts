import { ApiProperty } from '@nestjs/swagger';

/**
 * One piece of an interest computation with a single rate and day-count denominator, as the rules
 * return it (libs/rules InterestSegment): amounts exact, never rounded.
 */
export class InterestSegmentDetailDto {
  @ApiProperty({ format: 'date', description: 'erster Zinstag (einschließlich)' }) from!: string;
  @ApiProperty({ format: 'date', description: 'letzter Zinstag (einschließlich)' }) to!: string;
  @ApiProperty() days!: number;
  @ApiProperty({ example: '7.27', description: 'Basiszinssatz + Aufschlag in Prozent' }) ratePercent!: string;
  @ApiProperty({ description: 'verzinster Betrag, exakt' }) principal!: string;
  @ApiProperty({ description: 'Zinsen des Abschnitts, ungerundet' }) amount!: string;
}
