import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '@foerderfluss/identity';
import { WorklistService } from '@foerderfluss/decisions';
import { PaymentRequestsService } from '@foerderfluss/payments';
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
  ) {}

  /** Anträge, Entscheidungsvorschläge und Mittelabrufe, die auf mich warten, nach Frist sortiert. */
  @Get()
  @AnyRole()
  @ApiOkResponse({ type: [WorklistItemDto] })
  async get(@CurrentUser() user: AuthenticatedUser): Promise<WorklistItemDto[]> {
    // The payments lib depends on this one, so its part of the worklist is handed in here.
    return (await this.worklist.forUser(user, [this.payments])).map(toWorklistDto);
  }
}
