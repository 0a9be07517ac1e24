import { ApiProperty } from '@nestjs/swagger';
import { InterestSegmentDetailDto } from '../common/interest.schemas';

/** One interest-bearing part of a Rückforderung over one principal step (§ 49a Abs. 3 VwVfG). */
export class RecoveryInterestPieceDto {
  @ApiProperty({ format: 'date', description: 'erster Zinstag' }) from!: string;
  @ApiProperty({ format: 'date', description: 'letzter Zinstag' }) to!: string;
  @ApiProperty({ description: 'verzinster Betrag' }) principal!: string;
  @ApiProperty({ description: 'Zinsen, ungerundet' }) interest!: string;
  @ApiProperty({ type: [InterestSegmentDetailDto] }) segments!: InterestSegmentDetailDto[];
}
