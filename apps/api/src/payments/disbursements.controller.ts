import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '@foerderfluss/identity';
import { Roles, CurrentUser } from '../auth/decorators';
import { PaymentRequestsService } from '@foerderfluss/payments';
import { DisbursementDto, toDisbursementDto, DisbursementQueryDto } from './disbursements.dto';
import { EVERYONE } from '../auth/role-groups';

/** Auszahlungen (freigegebene Mittelabrufe). */
@ApiTags('disbursements')
@ApiBearerAuth()
@Controller('disbursements')
export class DisbursementsController {
  constructor(private readonly requests: PaymentRequestsService) {}

  @Get()
  @Roles(...EVERYONE)
  @ApiOkResponse({ type: [DisbursementDto] })
  async list(@CurrentUser() user: AuthenticatedUser, @Query() q: DisbursementQueryDto): Promise<DisbursementDto[]> {
    return (await this.requests.listDisbursements(user, { status: q.status, decisionId: q.decisionId })).map(toDisbursementDto);
  }
}
