import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Money, Rate, Role } from '@foerderfluss/core';
import type { AuthenticatedUser } from '@foerderfluss/identity';
import { AllocationRoundService, CallsService, CallStatus, FundingCall } from '@foerderfluss/applications';
import { RoundDecisionsService } from '@foerderfluss/decisions';
import { CurrentUser, Roles } from '../auth/decorators';
import { uuidPipe } from '../common/uuid.pipe';
import { CallDto, CallPageDto, CallQueryDto, CreateCallDto, ExtendCallDto, toCallDto, UpdateCallDto } from './applications.dto';
import {
  ProposeFromRoundDto,
  ResolutionDto,
  RoundItemsDto,
  RoundOverviewDto,
  RoundProposalResultDto,
  toRoundOverviewDto,
  toRoundResultDto,
} from './allocation-round.dto';
import { EVERYONE, KREIS_SIDE } from '../auth/role-groups';

function moneyOrNull(value: string | null | undefined): Money | null {
  return value === null || value === undefined ? null : Money.of(value);
}

/** Projektaufrufe und die Mittelverteilung je Aufruf. */
@ApiTags('calls')
@ApiBearerAuth()
@Controller('calls')
export class CallsController {
  constructor(
    private readonly calls: CallsService,
    private readonly rounds: AllocationRoundService,
    private readonly roundDecisions: RoundDecisionsService,
  ) {}

  /** Träger sehen nur veröffentlichte (und geschlossene) Aufrufe, nie Entwürfe. */
  @Get()
  @Roles(...EVERYONE)
  @ApiOkResponse({ type: CallPageDto })
  async list(@CurrentUser() user: AuthenticatedUser, @Query() q: CallQueryDto): Promise<CallPageDto> {
    const page = await this.calls.list(user, q);
    return { items: page.items.map(toCallDto), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @Roles(...EVERYONE)
  @ApiOkResponse({ type: CallDto })
  async get(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<CallDto> {
    return toCallDto(await this.calls.view(user, id));
  }

  @Post()
  @Roles(Role.ADMIN, Role.STAFF)
  @ApiCreatedResponse({ type: CallDto })
  async create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateCallDto): Promise<CallDto> {
    return this.respond(user, await this.calls.create(user, { ...body, budgetIndication: moneyOrNull(body.budgetIndication) }));
  }

  /** Nur im Entwurf. */
  @Patch(':id')
  @Roles(Role.ADMIN, Role.STAFF)
  @ApiOkResponse({ type: CallDto })
  async update(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() body: UpdateCallDto): Promise<CallDto> {
    // Omitted leaves the Richtwert as it is; null clears it.
    const budgetIndication = body.budgetIndication === undefined ? undefined : moneyOrNull(body.budgetIndication);
    return this.respond(user, await this.calls.update(user, id, { ...body, budgetIndication }));
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Roles(Role.ADMIN, Role.STAFF)
  @ApiOkResponse({ type: CallDto })
  async publish(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<CallDto> {
    return this.respond(user, await this.calls.setStatus(user, id, CallStatus.PUBLISHED));
  }

  /** Ausschlussfrist verlängern (mit Grund); alle Träger werden benachrichtigt. */
  @Post(':id/extend')
  @HttpCode(200)
  @Roles(Role.ADMIN, Role.STAFF)
  @ApiOkResponse({ type: CallDto })
  async extend(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() body: ExtendCallDto): Promise<CallDto> {
    return this.respond(user, await this.calls.extend(user, id, { deadline: body.deadline, reason: body.reason }));
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles(Role.ADMIN, Role.STAFF)
  @ApiOkResponse({ type: CallDto })
  async close(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<CallDto> {
    return this.respond(user, await this.calls.setStatus(user, id, CallStatus.CLOSED));
  }

  /** Mittelverteilung: alle Anträge des Aufrufs nebeneinander, mit laufender Summe gegen die freien Mittel. */
  @Get(':id/allocation-round')
  @Roles(...KREIS_SIDE)
  @ApiOkResponse({ type: RoundOverviewDto })
  async round(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<RoundOverviewDto> {
    return toRoundOverviewDto(await this.rounds.overview(user, id));
  }

  @Put(':id/allocation-round/items')
  @Roles(Role.ADMIN, Role.STAFF)
  @ApiOkResponse({ type: RoundOverviewDto })
  async setItems(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() body: RoundItemsDto): Promise<RoundOverviewDto> {
    const items = body.items.map((i) => ({ applicationId: i.applicationId, proposedAmount: Money.of(i.proposedAmount), note: i.note ?? null }));
    return toRoundOverviewDto(await this.rounds.setItems(user, id, items));
  }

  /** Beschluss des Gremiums (Gremium, Datum, Beschluss-Nr.). */
  @Put(':id/allocation-round/resolution')
  @Roles(Role.ADMIN, Role.STAFF)
  @ApiOkResponse({ type: RoundOverviewDto })
  async resolution(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() body: ResolutionDto): Promise<RoundOverviewDto> {
    return toRoundOverviewDto(await this.rounds.recordResolution(user, id, body));
  }

  /** Verteilung bestätigen; abgelehnt, wenn sie die freien Mittel übersteigt (409). */
  @Post(':id/allocation-round/confirm')
  @HttpCode(200)
  @Roles(Role.ADMIN, Role.STAFF)
  @ApiOkResponse({ type: RoundOverviewDto })
  async confirm(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<RoundOverviewDto> {
    return toRoundOverviewDto(await this.rounds.confirm(user, id));
  }

  /** Aus der beschlossenen Verteilung in einem Schritt Entscheidungen vorschlagen (jede mit Vier-Augen-Freigabe). */
  @Post(':id/allocation-round/propose-decisions')
  @HttpCode(200)
  @Roles(Role.ADMIN, Role.STAFF)
  @ApiOkResponse({ type: [RoundProposalResultDto] })
  async proposeDecisions(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() body: ProposeFromRoundDto): Promise<RoundProposalResultDto[]> {
    const results = await this.roundDecisions.proposeFromRound(user, id, {
      instrument: body.instrument,
      financingType: body.financingType,
      fundingRatePercent: body.fundingRatePercent ? Rate.fromPercent(body.fundingRatePercent) : null,
      specialConditions: body.specialConditions ?? [],
    });
    return results.map(toRoundResultDto);
  }

  private respond(user: AuthenticatedUser, call: FundingCall): CallDto {
    return toCallDto(this.calls.toView(user, call));
  }
}
