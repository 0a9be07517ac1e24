import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '@foerderfluss/identity';
import { WorklistService } from '@foerderfluss/decisions';
import { PaymentRequestsService } from '@foerderfluss/payments';
import { DunningService } from '@foerderfluss/proof-of-use';
import { AnyRole, CurrentUser } from '../auth/decorators';
import { toWorklistDto, WorklistItemDto } from './decisions.dto';

/** Arbeitsvorrat: was wartet auf mich, nach Frist sortiert. */
@ApiTags('worklist')
@ApiBearerAuth()
@Controller('worklist')
export class WorklistController {
  constructor(
    private readonly worklist: WorklistService,
    private readonly payments: PaymentRequestsService,
    private readonly dunning: DunningService,
  ) {}

  /** Anträge, Entscheidungsvorschläge, Mittelabrufe und Rückforderungen zur Vollstreckung, die auf mich warten, nach Frist sortiert. */
  @Get()
  @AnyRole()
  @ApiOkResponse({ type: [WorklistItemDto] })
  async get(@CurrentUser() user: AuthenticatedUser): Promise<WorklistItemDto[]> {
    // The payments and proof-of-use libs depend on this one, so their parts of the worklist are handed in here.
    return (await this.worklist.forUser(user, [this.payments, this.dunning])).map(toWorklistDto);
  }
}
