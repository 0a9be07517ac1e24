import { ApiProperty } from '@nestjs/swagger';
import { CashPosition } from '@foerderfluss/funding';
import { CashPositionStateDto, CashPositionDistrictDto } from './cash-position.schemas';

export class CashPositionDto {
  @ApiProperty({ format: 'uuid' }) budgetYearId!: string;
  @ApiProperty({ type: CashPositionStateDto, description: 'Landesmittel: erhalten, erstattet, ausgezahlt (Landesanteil), Rückflüsse, Saldo' }) state!: CashPositionStateDto;
  @ApiProperty({ type: CashPositionDistrictDto, description: 'Kreismittel: ausgezahlt (Kreisanteil), Rückflüsse, Saldo' }) district!: CashPositionDistrictDto;
  @ApiProperty({ description: 'angewiesen: freigegeben, aber noch nicht in einer ausgeführten Zahlungsdatei gebucht' }) approvedNotPaid!: string;
}

export function toCashPositionDto(c: CashPosition): CashPositionDto {
  const { state: st, district: di } = c;
  return {
    budgetYearId: c.budgetYearId,
    state: {
      receivedFromState: st.receivedFromState.toApiString(),
      refundedToState: st.refundedToState.toApiString(),
      paidOut: st.paidOut.toApiString(),
      recoveriesReceived: st.recoveriesReceived.toApiString(),
      balance: st.balance.toApiString(),
    },
    district: { paidOut: di.paidOut.toApiString(), recoveriesReceived: di.recoveriesReceived.toApiString(), balance: di.balance.toApiString() },
    approvedNotPaid: c.approvedNotPaid.toApiString(),
  };
}
