import { Body, Controller, Get, Header, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Money, Role } from '@foerderfluss/core';
import { RecoveriesService } from '@foerderfluss/proof-of-use';
import type { AuthenticatedUser } from '@foerderfluss/identity';
import { FundUseService, PaymentFilesService, PaymentRequest, PaymentRequestInput, PaymentRequestsService, StateFlowsService } from '@foerderfluss/payments';
import { CurrentUser, Roles } from '../auth/decorators';
import { uuidPipe } from '../common/uuid.pipe';
import {
  ApprovalResultDto,
  BookFileDto,
  CashPositionDto,
  CheckDto,
  CreatePaymentRequestDto,
  DisbursementDto,
  DisbursementQueryDto,
  DrawdownBodyDto,
  DrawdownQueryDto,
  DrawdownReceivedDto,
  FundUseBodyDto,
  FundUseDto,
  GenerateFileDto,
  LateUseDecisionBodyDto,
  LateUseDecisionDto,
  LateUseInterestDto,
  LateUseQueryDto,
  LimitPreviewDto,
  PaymentFileDto,
  PaymentFilePageDto,
  PaymentRequestBodyDto,
  PaymentRequestDto,
  PaymentRequestPageDto,
  PaymentRequestQueryDto,
  ReasonDto,
  RepaymentBodyDto,
  RepaymentDto,
  RepaymentQueryDto,
  StateDrawdownDto,
  toCashPositionDto,
  toDisbursementDto,
  toDrawdownDto,
  toFundUseDto,
  toLateUseDecisionDto,
  toLateUseDto,
  toLimitPreviewDto,
  toPaymentFileDto,
  toPaymentRequestDto,
  toRepaymentDto,
  UpdatePaymentRequestDto,
} from './payments.dto';
import { ListQueryDto } from '../common/dto';

const ALL = [Role.ADMIN, Role.STAFF, Role.APPROVER, Role.AUDITOR, Role.PROVIDER];
const KREIS_READERS = [Role.ADMIN, Role.STAFF, Role.APPROVER, Role.AUDITOR];

function input(body: PaymentRequestBodyDto): PaymentRequestInput {
  return {
    requestedAmount: Money.of(body.requestedAmount),
    duePayments: body.duePayments.map(({ dueDate, payeeType, costCategory, description, amount }) => ({ dueDate, payeeType, costCategory, description, amount })),
    dueTotal: body.dueTotal ? Money.of(body.dueTotal) : null,
    dueExplanation: body.dueExplanation ?? null,
    requestedValueDate: body.requestedValueDate,
  };
}

/** Mittelabrufe: der Träger ruft ab, das Landratsamt prüft, eine zweite Person gibt frei. */
@ApiTags('payment-requests')
@ApiBearerAuth()
@Controller('payment-requests')
export class PaymentRequestsController {
  constructor(private readonly requests: PaymentRequestsService) {}

  /** Answers a change like a read: with the Bescheid reference and Träger name, which the changed entity does not load. */
  private async present(user: AuthenticatedUser, r: PaymentRequest): Promise<PaymentRequestDto> {
    const full = r.decision && r.provider ? r : await this.requests.get(user, r.id);
    return toPaymentRequestDto(full, this.requests.allowedActions(user, full));
  }

  @Get()
  @Roles(...ALL)
  @ApiOkResponse({ type: PaymentRequestPageDto })
  async list(@CurrentUser() user: AuthenticatedUser, @Query() q: PaymentRequestQueryDto): Promise<PaymentRequestPageDto> {
    const page = await this.requests.list(user, q);
    return { items: page.items.map((r) => toPaymentRequestDto(r, this.requests.allowedActions(user, r))), nextCursor: page.nextCursor };
  }

  /** Vorschau: was nach der 2-Monats-Regel und dem Höchstbetrag abrufbar ist (nichts wird gespeichert). */
  @Post('preview')
  @HttpCode(200)
  @Roles(...ALL)
  @ApiOkResponse({ type: LimitPreviewDto })
  async preview(@CurrentUser() user: AuthenticatedUser, @Body() body: CreatePaymentRequestDto): Promise<LimitPreviewDto> {
    return toLimitPreviewDto(await this.requests.preview(user, body.decisionId, input(body)));
  }

  @Get(':id')
  @Roles(...ALL)
  @ApiOkResponse({ type: PaymentRequestDto })
  async get(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<PaymentRequestDto> {
    return this.present(user, await this.requests.get(user, id));
  }

  @Post()
  @Roles(Role.PROVIDER)
  @ApiCreatedResponse({ type: PaymentRequestDto })
  async create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreatePaymentRequestDto): Promise<PaymentRequestDto> {
    return this.present(user, await this.requests.create(user, body.decisionId, input(body)));
  }

  @Patch(':id')
  @Roles(Role.PROVIDER)
  @ApiOkResponse({ type: PaymentRequestDto })
  async update(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() body: UpdatePaymentRequestDto): Promise<PaymentRequestDto> {
    return this.present(
      user,
      await this.requests.update(user, id, {
        requestedAmount: body.requestedAmount ? Money.of(body.requestedAmount) : undefined,
        duePayments: body.duePayments?.map(({ dueDate, payeeType, costCategory, description, amount }) => ({ dueDate, payeeType, costCategory, description, amount })),
        dueTotal: body.dueTotal === undefined ? undefined : body.dueTotal === null ? null : Money.of(body.dueTotal),
        dueExplanation: body.dueExplanation,
        requestedValueDate: body.requestedValueDate,
      }),
    );
  }

  /** Einreichen: über der Grenze → 422 mit dem abrufbaren Betrag und den Gründen. */
  @Post(':id/submit')
  @HttpCode(200)
  @Roles(Role.PROVIDER)
  @ApiOkResponse({ type: PaymentRequestDto })
  async submit(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<PaymentRequestDto> {
    return this.present(user, await this.requests.submit(user, id));
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles(Role.PROVIDER)
  @ApiOkResponse({ type: PaymentRequestDto })
  async withdraw(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<PaymentRequestDto> {
    return this.present(user, await this.requests.withdraw(user, id));
  }

  /** Sachliche Prüfung (ggf. Kürzung mit Begründung). */
  @Post(':id/check')
  @HttpCode(200)
  @Roles(Role.ADMIN, Role.STAFF)
  @ApiOkResponse({ type: PaymentRequestDto })
  async check(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() body: CheckDto): Promise<PaymentRequestDto> {
    return this.present(user, await this.requests.check(user, id, body.amount ? Money.of(body.amount) : null, body.note ?? null));
  }

  /** Freigabe zur Auszahlung durch eine andere Person als die prüfende. */
  @Post(':id/approve')
  @HttpCode(200)
  @Roles(Role.APPROVER)
  @ApiOkResponse({ type: ApprovalResultDto })
  async approve(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<ApprovalResultDto> {
    const { request, disbursement } = await this.requests.approve(user, id);
    return { request: await this.present(user, request), disbursement: toDisbursementDto(disbursement) };
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles(Role.ADMIN, Role.STAFF, Role.APPROVER)
  @ApiOkResponse({ type: PaymentRequestDto })
  async reject(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() body: ReasonDto): Promise<PaymentRequestDto> {
    return this.present(user, await this.requests.reject(user, id, body.reason));
  }
}

/** Auszahlungen (freigegebene Mittelabrufe). */
@ApiTags('disbursements')
@ApiBearerAuth()
@Controller('disbursements')
export class DisbursementsController {
  constructor(private readonly requests: PaymentRequestsService) {}

  @Get()
  @Roles(...ALL)
  @ApiOkResponse({ type: [DisbursementDto] })
  async list(@CurrentUser() user: AuthenticatedUser, @Query() q: DisbursementQueryDto): Promise<DisbursementDto[]> {
    return (await this.requests.listDisbursements(user, { status: q.status, decisionId: q.decisionId })).map(toDisbursementDto);
  }
}

/** SEPA-Zahlungsdateien (pain.001.001.09). */
@ApiTags('payment-files')
@ApiBearerAuth()
@Controller('payment-files')
export class PaymentFilesController {
  constructor(private readonly files: PaymentFilesService) {}

  @Get()
  @Roles(...KREIS_READERS)
  @ApiOkResponse({ type: PaymentFilePageDto })
  async list(@CurrentUser() user: AuthenticatedUser, @Query() q: ListQueryDto): Promise<PaymentFilePageDto> {
    const page = await this.files.list(user, { limit: q.limit, cursor: q.cursor });
    return { items: page.items.map((f) => toPaymentFileDto(f)), nextCursor: page.nextCursor };
  }

  /** Zahlungsdatei aus freigegebenen Auszahlungen erzeugen; dieselben Auszahlungen ein zweites Mal → 409. */
  @Post()
  @Roles(Role.ADMIN, Role.STAFF)
  @ApiCreatedResponse({ type: PaymentFileDto })
  async generate(@CurrentUser() user: AuthenticatedUser, @Body() body: GenerateFileDto): Promise<PaymentFileDto> {
    const file = await this.files.generate(user, { disbursementIds: body.disbursementIds, executionDate: body.executionDate, batchBooking: body.batchBooking ?? true });
    const { disbursements } = await this.files.get(user, file.id);
    return toPaymentFileDto(file, disbursements);
  }

  @Get(':id')
  @Roles(...KREIS_READERS)
  @ApiOkResponse({ type: PaymentFileDto })
  async get(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<PaymentFileDto> {
    const { file, disbursements } = await this.files.get(user, id);
    return toPaymentFileDto(file, disbursements);
  }

  @Get(':id/xml')
  @Roles(...KREIS_READERS)
  @ApiProduces('application/xml')
  @Header('Content-Type', 'application/xml; charset=utf-8')
  async xml(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    const { file } = await this.files.get(user, id);
    res.setHeader('Content-Disposition', `attachment; filename="Zahlungsdatei_${file.messageId}.xml"`);
    return file.xml;
  }

  /** Ausführung durch die Bank buchen: alle Auszahlungen der Datei gelten als gezahlt. */
  @Post(':id/book')
  @HttpCode(200)
  @Roles(Role.ADMIN, Role.STAFF)
  @ApiOkResponse({ type: PaymentFileDto })
  async book(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() body: BookFileDto): Promise<PaymentFileDto> {
    await this.files.book(user, id, body.bookedOn);
    const { file, disbursements } = await this.files.get(user, id);
    return toPaymentFileDto(file, disbursements);
  }
}

/** Mittelverwendung und Zinsen nach § 49a Abs. 4 VwVfG je Entscheidung. */
@ApiTags('decisions')
@ApiBearerAuth()
@Controller('decisions')
export class FundUseController {
  constructor(private readonly funds: FundUseService) {}

  @Get(':id/fund-uses')
  @Roles(...ALL)
  @ApiOkResponse({ type: [FundUseDto] })
  async uses(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<FundUseDto[]> {
    return (await this.funds.uses(user, id)).map(toFundUseDto);
  }

  /** Verwendung melden (Träger) oder erfassen (Landratsamt). */
  @Post(':id/fund-uses')
  @Roles(Role.PROVIDER, Role.STAFF, Role.ADMIN)
  @ApiCreatedResponse({ type: FundUseDto })
  async addUse(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() body: FundUseBodyDto): Promise<FundUseDto> {
    return toFundUseDto(await this.funds.addUse(user, id, { usedOn: body.usedOn, amount: Money.of(body.amount), note: body.note ?? null }));
  }

  /** Zinsen für nicht rechtzeitig verwendete Mittel je Auszahlungstranche (FIFO). */
  @Get(':id/late-use-interest')
  @Roles(...KREIS_READERS)
  @ApiOkResponse({ type: LateUseInterestDto })
  async lateUse(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Query() q: LateUseQueryDto): Promise<LateUseInterestDto> {
    return toLateUseDto(await this.funds.compute(user, id, q.asOf));
  }

  @Get(':id/late-use-interest-decisions')
  @Roles(...ALL)
  @ApiOkResponse({ type: [LateUseDecisionDto] })
  async lateUseDecisions(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<LateUseDecisionDto[]> {
    return (await this.funds.decisions(user, id)).map(toLateUseDecisionDto);
  }

  /** Ermessensentscheidung: Zinsen erheben oder davon absehen, mit Begründung. */
  @Post(':id/late-use-interest-decisions')
  @Roles(Role.ADMIN, Role.STAFF)
  @ApiCreatedResponse({ type: LateUseDecisionDto })
  async decide(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() body: LateUseDecisionBodyDto): Promise<LateUseDecisionDto> {
    return toLateUseDecisionDto(await this.funds.decide(user, id, body));
  }
}

/** Mittelabrufe des Kreises beim Land. */
@ApiTags('state-drawdowns')
@ApiBearerAuth()
@Controller('state-drawdowns')
export class StateDrawdownsController {
  constructor(private readonly flows: StateFlowsService) {}

  @Get()
  @Roles(...KREIS_READERS)
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

/** Kassenlage je Quelle (Land/Kreis) eines Haushaltsjahres. */
@ApiTags('budget-years')
@ApiBearerAuth()
@Controller('budget-years')
export class CashPositionController {
  constructor(private readonly flows: StateFlowsService) {}

  @Get(':id/cash-position')
  @Roles(...KREIS_READERS)
  @ApiOkResponse({ type: CashPositionDto })
  async cash(@Param('id', uuidPipe) id: string): Promise<CashPositionDto> {
    return toCashPositionDto(await this.flows.cashPosition(id));
  }
}

/** Zahlungseingänge (Rückzahlungen) der Träger. */
@ApiTags('repayments')
@ApiBearerAuth()
@Controller('repayments')
export class RepaymentsController {
  constructor(
    private readonly flows: StateFlowsService,
    private readonly recoveries: RecoveriesService,
  ) {}

  @Get()
  @Roles(...ALL)
  @ApiOkResponse({ type: [RepaymentDto] })
  async list(@CurrentUser() user: AuthenticatedUser, @Query() q: RepaymentQueryDto): Promise<RepaymentDto[]> {
    return (await this.flows.repayments(user, q)).map(toRepaymentDto);
  }

  /** Zahlungseingang: gegen eine Rückforderung (begleicht sie ggf.) oder freiwillig; ein Vorgang, eine Transaktion. */
  @Post()
  @Roles(Role.ADMIN, Role.STAFF)
  @ApiCreatedResponse({ type: RepaymentDto })
  async record(@CurrentUser() user: AuthenticatedUser, @Body() body: RepaymentBodyDto): Promise<RepaymentDto> {
    // Money against a Rückforderung also settles it; the proof-of-use lib routes it (one transaction).
    return toRepaymentDto(
      await this.recoveries.recordIncoming(user, {
        decisionId: body.decisionId,
        amount: Money.of(body.amount),
        receivedOn: body.receivedOn,
        payer: body.payer,
        paymentReference: body.paymentReference,
        kind: body.kind,
        recoveryId: body.recoveryId ?? null,
      }),
    );
  }
}
