import { Money, Role } from '@foerderfluss/core';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '@foerderfluss/identity';
import { Roles, CurrentUser } from '../auth/decorators';
import { uuidPipe } from '../common/uuid.pipe';
import { StateFlowsService } from '@foerderfluss/payments';
import { DrawdownBodyDto, DrawdownReceivedDto, DrawdownQueryDto, StateDrawdownDto, toDrawdownDto } from './state-drawdowns.dto';
import { KREIS_SIDE } from '../auth/role-groups';

/** Mittelabrufe des Kreises beim Land. */
@ApiTags('state-drawdowns')
@ApiBearerAuth()
@Controller('state-drawdowns')
export class StateDrawdownsController {
  constructor(private readonly flows: StateFlowsService) {}

  @Get()
  @Roles(...KREIS_SIDE)
  @ApiOkResponse({ type: [StateDrawdownDto] })
  async list(@CurrentUser() user: AuthenticatedUser, @Query() q: DrawdownQueryDto): Promise<StateDrawdownDto[]> {
    return (await this.flows.drawdowns(user, q.budgetYearId)).map(toDrawdownDto);
  }

  @Post()
  @Roles(Role.ADMIN, Role.STAFF)
  @ApiCreatedResponse({ type: StateDrawdownDto })
  async request(@CurrentUser() user: AuthenticatedUser, @Body() body: DrawdownBodyDto): Promise<StateDrawdownDto> {
    return toDrawdownDto(
      await this.flows.requestDrawdown(user, { budgetYearId: body.budgetYearId, amount: Money.of(body.amount), requestedOn: body.requestedOn, reference: body.reference, note: body.note ?? null }),
    );
  }

  /** Zahlungseingang des Landes buchen (STATE_DRAWDOWN, höchstens bis H_land). */
  @Post(':id/received')
  @HttpCode(200)
  @Roles(Role.ADMIN, Role.STAFF)
  @ApiOkResponse({ type: StateDrawdownDto })
  async received(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() body: DrawdownReceivedDto): Promise<StateDrawdownDto> {
    return toDrawdownDto(await this.flows.receiveDrawdown(user, id, body.receivedOn));
  }
}
