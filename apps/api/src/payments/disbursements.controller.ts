import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '@foerderfluss/identity';
import { Roles, CurrentUser } from '../auth/decorators';
import { PaymentRequestsService } from '@foerderfluss/payments';
import { toDisbursementDto, DisbursementQueryDto, DisbursementPageDto } from './disbursements.dto';
import { ReferenceCodesPipe } from '../common/list-query';
import { EVERYONE } from '../auth/role-groups';

/** Auszahlungen (freigegebene Mittelabrufe). */
@ApiTags('disbursements')
@ApiBearerAuth()
@Controller('disbursements')
export class DisbursementsController {
  constructor(private readonly requests: PaymentRequestsService) {}

  @Get()
  @Roles(...EVERYONE)
  @ApiOkResponse({ type: DisbursementPageDto })
  async list(@CurrentUser() user: AuthenticatedUser, @Query(ReferenceCodesPipe) q: DisbursementQueryDto): Promise<DisbursementPageDto> {
    const page = await this.requests.listDisbursements(user, q);
    return { items: page.items.map(toDisbursementDto), nextCursor: page.nextCursor };
  }
}
