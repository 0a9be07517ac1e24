import { ApiProperty } from '@nestjs/swagger';

/** Landesmittel in the cash position of a budget year. */
export class CashPositionStateDto {
  @ApiProperty({ description: 'vom Land erhalten' }) receivedFromState!: string;
  @ApiProperty({ description: 'an das Land erstattet' }) refundedToState!: string;
  @ApiProperty({ description: 'an Träger ausgezahlt (Landesanteil)' }) paidOut!: string;
  @ApiProperty({ description: 'Rückflüsse von Trägern (Landesanteil)' }) recoveriesReceived!: string;
  @ApiProperty() balance!: string;
}

/** Kreismittel in the cash position of a budget year. */
export class CashPositionDistrictDto {
  @ApiProperty({ description: 'an Träger ausgezahlt (Kreisanteil)' }) paidOut!: string;
  @ApiProperty({ description: 'Rückflüsse von Trägern (Kreisanteil)' }) recoveriesReceived!: string;
  @ApiProperty() balance!: string;
}
