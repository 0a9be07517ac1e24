import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Money, Rate, Role } from '@foerderfluss/core';
import { BudgetFiguresService, BudgetYearsService, BudgetYearWithBalances } from '@foerderfluss/funding';
import type { AuthenticatedUser } from '@foerderfluss/identity';
import { CurrentUser, Roles } from '../auth/decorators';
import { uuidPipe } from '../common/uuid.pipe';
import {
  AllocationChangeDto,
  BreakdownDto,
  BudgetYearDto,
  BudgetYearQueryDto,
  CreateBudgetYearDto,
  LedgerPageDto,
  LedgerQueryDto,
  toBreakdownDto,
  toBudgetYearDto,
  toLedgerEntryDto,
  UpdateBudgetYearDto,
} from './budget-years.dto';
import { KREIS_SIDE } from '../auth/role-groups';

/** Haushaltsjahre, Mittelbindung und Buchungen. Träger haben hier keinen Zugriff. */
@ApiTags('budget-years')
@ApiBearerAuth()
@Controller('budget-years')
export class BudgetYearsController {
  constructor(
    private readonly years: BudgetYearsService,
    private readonly figures: BudgetFiguresService,
  ) {}

  @Get()
  @Roles(...KREIS_SIDE)
  @ApiOkResponse({ type: [BudgetYearDto] })
  async list(@CurrentUser() user: AuthenticatedUser, @Query() q: BudgetYearQueryDto): Promise<BudgetYearDto[]> {
    return Promise.all((await this.years.list(user, q.programmeId, q.districtId)).map((y) => this.respond(user, y)));
  }

  @Get(':id')
  @Roles(...KREIS_SIDE)
  @ApiOkResponse({ type: BudgetYearDto })
  async get(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<BudgetYearDto> {
    return this.respond(user, await this.years.get(user, id));
  }

  /** Buchungen des Haushaltsjahres in Datumsfolge (Buchungsdatum, dann Reihenfolge der Buchung); `sort=` wie die anderen Listen. */
  @Get(':id/ledger')
  @Roles(...KREIS_SIDE)
  @ApiOkResponse({ type: LedgerPageDto })
  async ledger(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Query() q: LedgerQueryDto): Promise<LedgerPageDto> {
    const page = await this.years.ledgerEntries(user, id, q);
    return { items: page.items.map(toLedgerEntryDto), nextCursor: page.nextCursor };
  }

  /** Gebundene, vorgeschlagene, angewiesene und ausgezahlte Mittel nach Handlungsfeld, Sozialraum (alle, auch mit 0) und Träger. */
  @Get(':id/breakdown')
  @Roles(...KREIS_SIDE)
  @ApiOkResponse({ type: BreakdownDto })
  async breakdown(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<BreakdownDto> {
    return toBreakdownDto(await this.figures.breakdown(user, id));
  }

  @Post()
  @Roles(Role.ADMIN)
  @ApiCreatedResponse({ type: BudgetYearDto })
  async create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateBudgetYearDto): Promise<BudgetYearDto> {
    const created = await this.years.create(user, {
      programmeId: body.programmeId,
      year: body.year,
      stateGrantReference: body.stateGrantReference,
      stateGrantDate: body.stateGrantDate,
      stateMaxAmount: Money.parse(body.stateMaxAmount, 'stateMaxAmount'),
      stateRatePercent: Rate.parsePercent(body.stateRatePercent, 'stateRatePercent'),
      periodStart: body.periodStart,
      periodEnd: body.periodEnd,
      stateProofDue: body.stateProofDue,
      districtShareAmount: Money.parse(body.districtShareAmount, 'districtShareAmount'),
      districtBudgetLine: body.districtBudgetLine,
      applicationDeadline: body.applicationDeadline ?? null,
    });
    return this.respond(user, created);
  }

  /** Stammdaten und Status (OPEN/CLOSED); die Beträge ändern sich nur über Buchungen. */
  @Patch(':id')
  @Roles(Role.ADMIN)
  @ApiOkResponse({ type: BudgetYearDto })
  async update(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() body: UpdateBudgetYearDto): Promise<BudgetYearDto> {
    return this.respond(user, await this.years.update(user, id, body));
  }

  /** Mittel erhöhen oder senken: eine Buchung (ALLOCATION), nie ein Überschreiben. */
  @Post(':id/allocations')
  @Roles(Role.ADMIN)
  @ApiCreatedResponse({ type: BudgetYearDto })
  async changeAllocation(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidPipe) id: string,
    @Body() body: AllocationChangeDto,
  ): Promise<BudgetYearDto> {
    const amount = Money.parse(body.amount, 'amount', { allowNegative: true });
    return this.respond(user, await this.years.changeAllocation(user, id, { source: body.source, amount, reason: body.reason, bookingDate: body.bookingDate }));
  }

  /** The year with every figure of the one figures service (after the change committed). */
  private async respond(user: AuthenticatedUser, y: BudgetYearWithBalances): Promise<BudgetYearDto> {
    return toBudgetYearDto(y, await this.figures.figures(user, y.year.id));
  }
}
