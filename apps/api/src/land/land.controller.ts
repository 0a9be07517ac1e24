import { Body, Controller, Get, Header, HttpCode, Param, Patch, Post, Put, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { StateGrantLetterService } from '@foerderfluss/exports';
import { attachmentDisposition } from '../letters/letters.dto';
import { Clock, Money, Rate, Role } from '@foerderfluss/core';
import type { AuthenticatedUser } from '@foerderfluss/identity';
import { DistributionService, LandDrawdownsService, StateGrant, StateGrantsService, StateProofReview, StateProofReviewsService } from '@foerderfluss/land';
import { CurrentUser, Roles } from '../auth/decorators';
import { KREIS_SIDE } from '../auth/role-groups';
import { uuidPipe } from '../common/uuid.pipe';
import {
  BudgetYearFromGrantDto,
  CreateStateGrantDto,
  DistributionBodyDto,
  DistributionDto,
  DistributionQueryDto,
  LandDrawdownDto,
  LandDrawdownPaymentDto,
  LandDrawdownQueryDto,
  RefundReceiptDto,
  StartStateProofReviewDto,
  StateGrantDto,
  StateGrantQueryDto,
  StateProofReviewDto,
  StateProofReviewQueryDto,
  toDistributionDto,
  toLandDrawdownDto,
  toStateGrantDto,
  toStateProofReviewDto,
  UpdateStateGrantDto,
  UpdateStateProofReviewDto,
} from './land.dto';

const optionalPercent = (v: string | undefined, path: string): Rate | undefined => (v === undefined ? undefined : Rate.parsePercent(v, path));
const optionalMoney = (v: string | undefined, path: string): Money | undefined => (v === undefined ? undefined : Money.parse(v, path));

/** Jahresmittel und Verteilungsschlüssel des Landes (issue 20): lesen Land und Kreise, ändern nur das Land. */
@ApiTags('state-distribution')
@ApiBearerAuth()
@Controller('state-distribution')
export class StateDistributionController {
  constructor(
    private readonly distribution: DistributionService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Roles(...KREIS_SIDE)
  @ApiOkResponse({ type: DistributionDto })
  async get(@Query() q: DistributionQueryDto): Promise<DistributionDto> {
    return toDistributionDto(await this.distribution.view(await this.programme(q.programmeId), q.year ?? this.clock.today().year));
  }

  /** Eine neue Fassung (nie ein Überschreiben), mit Begründung. */
  @Put()
  @Roles(Role.ADMIN, Role.STAFF)
  @ApiOkResponse({ type: DistributionDto })
  async record(@CurrentUser() user: AuthenticatedUser, @Body() body: DistributionBodyDto): Promise<DistributionDto> {
    return toDistributionDto(
      await this.distribution.record(user, {
        programmeId: await this.programme(body.programmeId),
        year: body.year,
        annualAmount: Money.parse(body.annualAmount, 'annualAmount'),
        weights: body.weights,
        reason: body.reason,
      }),
    );
  }

  private programme(id: string | undefined): Promise<string> {
    return this.distribution.programme(id);
  }
}

/** Zuweisungsbescheide des Landes an die Kreise (issue 20). */
@ApiTags('state-grants')
@ApiBearerAuth()
@Controller('state-grants')
export class StateGrantsController {
  constructor(
    private readonly grants: StateGrantsService,
    private readonly letters: StateGrantLetterService,
  ) {}

  @Get()
  @Roles(...KREIS_SIDE)
  @ApiOkResponse({ type: [StateGrantDto] })
  async list(@CurrentUser() user: AuthenticatedUser, @Query() q: StateGrantQueryDto): Promise<StateGrantDto[]> {
    return (await this.grants.list(user, q)).map((g) => this.dto(user, g));
  }

  @Get(':id')
  @Roles(...KREIS_SIDE)
  @ApiOkResponse({ type: StateGrantDto })
  async get(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<StateGrantDto> {
    return this.dto(user, await this.grants.get(user, id));
  }

  /** Entwurf (Sachbearbeitung des Landes); Betrag, Fördersatz und Fristen haben Standardwerte. */
  @Post()
  @Roles(Role.ADMIN, Role.STAFF)
  @ApiCreatedResponse({ type: StateGrantDto })
  async create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateStateGrantDto): Promise<StateGrantDto> {
    const g = await this.grants.create(user, {
      districtId: body.districtId,
      year: body.year,
      programmeId: body.programmeId,
      reference: body.reference,
      amount: optionalMoney(body.amount, 'amount'),
      stateRatePercent: optionalPercent(body.stateRatePercent, 'stateRatePercent'),
      periodStart: body.periodStart,
      periodEnd: body.periodEnd,
      proofDue: body.proofDue,
      note: body.note ?? null,
    });
    return this.dto(user, g);
  }

  @Patch(':id')
  @Roles(Role.ADMIN, Role.STAFF)
  @ApiOkResponse({ type: StateGrantDto })
  async update(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() body: UpdateStateGrantDto): Promise<StateGrantDto> {
    const g = await this.grants.update(user, id, {
      reference: body.reference,
      amount: optionalMoney(body.amount, 'amount'),
      stateRatePercent: optionalPercent(body.stateRatePercent, 'stateRatePercent'),
      periodStart: body.periodStart,
      periodEnd: body.periodEnd,
      proofDue: body.proofDue,
      note: body.note,
    });
    return this.dto(user, g);
  }

  @Post(':id/propose')
  @HttpCode(200)
  @Roles(Role.ADMIN, Role.STAFF)
  @ApiOkResponse({ type: StateGrantDto })
  async propose(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<StateGrantDto> {
    return this.dto(user, await this.grants.propose(user, id));
  }

  @Post(':id/return')
  @HttpCode(200)
  @Roles(Role.APPROVER)
  @ApiOkResponse({ type: StateGrantDto })
  async return(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<StateGrantDto> {
    return this.dto(user, await this.grants.return(user, id));
  }

  /** Der Zuweisungsbescheid als PDF, sobald erlassen (für das Land und den Kreis, an den er gerichtet ist). */
  @Get(':id/letter')
  @Roles(...KREIS_SIDE)
  @Header('Cache-Control', 'no-store')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'Zuweisungsbescheid (PDF); 409 STATE_GRANT_NOT_ISSUED vor dem Erlass', schema: { type: 'string', format: 'binary' } })
  async letter(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<StreamableFile> {
    const { pdf, fileName } = await this.letters.render(user, id);
    return new StreamableFile(pdf, { type: 'application/pdf', length: pdf.length, disposition: attachmentDisposition(fileName) });
  }

  /** Erlass durch eine zweite Person des Landes (Vier-Augen-Prinzip). */
  @Post(':id/issue')
  @HttpCode(200)
  @Roles(Role.APPROVER)
  @ApiOkResponse({ type: StateGrantDto })
  async issue(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<StateGrantDto> {
    return this.dto(user, await this.grants.issue(user, id));
  }

  /** Der Kreis legt sein Haushaltsjahr aus der erlassenen Zuweisung an (Verwaltung des Kreises). */
  @Post(':id/budget-year')
  @Roles(Role.ADMIN)
  @ApiCreatedResponse({ type: StateGrantDto })
  async budgetYear(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() body: BudgetYearFromGrantDto): Promise<StateGrantDto> {
    const { grant } = await this.grants.createBudgetYear(user, id, {
      districtShareAmount: Money.parse(body.districtShareAmount, 'districtShareAmount'),
      districtBudgetLine: body.districtBudgetLine,
      applicationDeadline: body.applicationDeadline ?? null,
    });
    return this.dto(user, await this.grants.get(user, grant.id));
  }

  private dto(user: AuthenticatedUser, g: StateGrant): StateGrantDto {
    return toStateGrantDto(g, this.grants.allowedActions(user, g));
  }
}

/** Die Mittelabrufe der Kreise beim Land, aus Sicht des Landes (issue 20). */
@ApiTags('land-drawdowns')
@ApiBearerAuth()
@Controller('land-drawdowns')
export class LandDrawdownsController {
  constructor(private readonly drawdowns: LandDrawdownsService) {}

  @Get()
  @Roles(...KREIS_SIDE)
  @ApiOkResponse({ type: [LandDrawdownDto] })
  async list(@CurrentUser() user: AuthenticatedUser, @Query() q: LandDrawdownQueryDto): Promise<LandDrawdownDto[]> {
    return (await this.drawdowns.list(user, q)).map((d) => toLandDrawdownDto(d, this.drawdowns.allowedActions(user, d)));
  }

  /** Das Land zahlt den Abruf aus (Tag der Zahlung); der Kreis bucht danach den Eingang. */
  @Post(':id/payment')
  @HttpCode(200)
  @Roles(Role.ADMIN, Role.STAFF)
  @ApiOkResponse({ type: LandDrawdownDto })
  async pay(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() body: LandDrawdownPaymentDto): Promise<LandDrawdownDto> {
    const d = await this.drawdowns.pay(user, id, body.paidOn);
    return toLandDrawdownDto(d, this.drawdowns.allowedActions(user, d));
  }
}

/** Prüfung der Verwendungsnachweise der Kreise durch das Land und Festsetzung (issue 20, DOMAIN §6). */
@ApiTags('state-proof-reviews')
@ApiBearerAuth()
@Controller('state-proof-reviews')
export class StateProofReviewsController {
  constructor(private readonly reviews: StateProofReviewsService) {}

  @Get()
  @Roles(...KREIS_SIDE)
  @ApiOkResponse({ type: [StateProofReviewDto] })
  async list(@CurrentUser() user: AuthenticatedUser, @Query() q: StateProofReviewQueryDto): Promise<StateProofReviewDto[]> {
    return (await this.reviews.list(user, q)).map((r) => this.dto(user, r));
  }

  @Get(':id')
  @Roles(...KREIS_SIDE)
  @ApiOkResponse({ type: StateProofReviewDto })
  async get(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<StateProofReviewDto> {
    return this.dto(user, await this.reviews.get(user, id));
  }

  @Post()
  @Roles(Role.ADMIN, Role.STAFF)
  @ApiCreatedResponse({ type: StateProofReviewDto })
  async start(@CurrentUser() user: AuthenticatedUser, @Body() body: StartStateProofReviewDto): Promise<StateProofReviewDto> {
    return this.dto(user, await this.reviews.start(user, body.budgetYearId));
  }

  @Patch(':id')
  @Roles(Role.ADMIN, Role.STAFF)
  @ApiOkResponse({ type: StateProofReviewDto })
  async update(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() body: UpdateStateProofReviewDto): Promise<StateProofReviewDto> {
    return this.dto(user, await this.reviews.edit(user, id, { recognisedCosts: optionalMoney(body.recognisedCosts, 'recognisedCosts'), note: body.note }));
  }

  @Post(':id/propose')
  @HttpCode(200)
  @Roles(Role.ADMIN, Role.STAFF)
  @ApiOkResponse({ type: StateProofReviewDto })
  async propose(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<StateProofReviewDto> {
    return this.dto(user, await this.reviews.propose(user, id));
  }

  @Post(':id/return')
  @HttpCode(200)
  @Roles(Role.APPROVER)
  @ApiOkResponse({ type: StateProofReviewDto })
  async return(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<StateProofReviewDto> {
    return this.dto(user, await this.reviews.return(user, id));
  }

  /** Festsetzung durch eine zweite Person des Landes (Vier-Augen-Prinzip). */
  @Post(':id/settle')
  @HttpCode(200)
  @Roles(Role.APPROVER)
  @ApiOkResponse({ type: StateProofReviewDto })
  async settle(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<StateProofReviewDto> {
    return this.dto(user, await this.reviews.settle(user, id));
  }

  /** Eingang der Erstattung beim Land: bucht STATE_REFUND im Haushaltsjahr des Kreises. */
  @Post(':id/refund-receipt')
  @HttpCode(200)
  @Roles(Role.ADMIN, Role.STAFF)
  @ApiOkResponse({ type: StateProofReviewDto })
  async refund(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() body: RefundReceiptDto): Promise<StateProofReviewDto> {
    return this.dto(user, await this.reviews.receiveRefund(user, id, { receivedOn: body.receivedOn, amount: Money.parse(body.amount, 'amount') }));
  }

  private dto(user: AuthenticatedUser, r: StateProofReview): StateProofReviewDto {
    return toStateProofReviewDto(r, this.reviews.allowedActions(user, r));
  }
}
