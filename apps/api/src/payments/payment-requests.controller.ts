import { Money, Role } from '@foerderfluss/core';
import { PaymentRequest, PaymentRequestInput, PaymentRequestsService } from '@foerderfluss/payments';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '@foerderfluss/identity';
import { Roles, CurrentUser } from '../auth/decorators';
import { uuidPipe } from '../common/uuid.pipe';
import { ReferenceCodesPipe } from '../common/list-query';
import { PaymentRequestBodyDto, CreatePaymentRequestDto, UpdatePaymentRequestDto, CheckDto, ReasonDto, PaymentRequestQueryDto, LimitPreviewDto, toLimitPreviewDto, PaymentRequestDto, toPaymentRequestDto, PaymentRequestPageDto, ApprovalResultDto, BulkApproveDto, BulkApprovalResultDto } from './payment-requests.dto';
import { toDisbursementDto } from './disbursements.dto';
import { EVERYONE } from '../auth/role-groups';

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
    return toPaymentRequestDto(full, this.requests.allowedActions(user, full), await this.requests.checkContext(user, full));
  }

  @Get()
  @Roles(...EVERYONE)
  @ApiOkResponse({ type: PaymentRequestPageDto })
  async list(@CurrentUser() user: AuthenticatedUser, @Query(ReferenceCodesPipe) q: PaymentRequestQueryDto): Promise<PaymentRequestPageDto> {
    const page = await this.requests.list(user, q);
    const contexts = await this.requests.checkContexts(user, page.items);
    return { items: page.items.map((r, i) => toPaymentRequestDto(r, this.requests.allowedActions(user, r), contexts[i]!)), nextCursor: page.nextCursor };
  }

  /** Vorschau: was nach der 2-Monats-Regel und dem Höchstbetrag abrufbar ist (nichts wird gespeichert). */
  @Post('preview')
  @HttpCode(200)
  @Roles(...EVERYONE)
  @ApiOkResponse({ type: LimitPreviewDto })
  async preview(@CurrentUser() user: AuthenticatedUser, @Body() body: CreatePaymentRequestDto): Promise<LimitPreviewDto> {
    return toLimitPreviewDto(await this.requests.preview(user, body.decisionId, input(body)));
  }

  @Get(':id')
  @Roles(...EVERYONE)
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
    const checklist = body.checklist?.map(({ code, result, note }) => ({ code, result, note: note ?? null })) ?? null;
    return this.present(user, await this.requests.check(user, id, body.amount ? Money.of(body.amount) : null, body.note ?? null, checklist));
  }

  /**
   * Mehrere geprüfte Mittelabrufe in einem Schritt freigeben (höchstens 100). Jeder wird einzeln
   * nach denselben Regeln freigegeben wie mit /{id}/approve (Vier-Augen-Prinzip, Status,
   * Bankverbindung, Höchstbetrag); die Antwort nennt je ID, ob er freigegeben oder mit welchem
   * Grund abgelehnt wurde (200 auch bei Ablehnungen).
   */
  @Post('approve')
  @HttpCode(200)
  @Roles(Role.APPROVER)
  @ApiOkResponse({ type: BulkApprovalResultDto })
  async approveMany(@CurrentUser() user: AuthenticatedUser, @Body() body: BulkApproveDto): Promise<BulkApprovalResultDto> {
    const outcomes = await this.requests.approveMany(user, body.ids);
    return {
      items: outcomes.map((o) => ({ id: o.id, outcome: o.outcome, reference: o.reference, amount: o.amount?.toApiString() ?? null, code: o.code, detail: o.detail })),
      approved: outcomes.filter((o) => o.outcome === 'APPROVED').length,
      refused: outcomes.filter((o) => o.outcome === 'REFUSED').length,
    };
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
