import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CalendarDate, dec, Money, Role } from '@foerderfluss/core';
import type { AuthenticatedUser } from '@foerderfluss/identity';
import {
  ProofsService,
  RecoveriesService,
  reviewNotStarted,
  ReviewService,
  SettlementsService,
  StateProofsService,
} from '@foerderfluss/proof-of-use';
import { Roles } from '../auth/decorators';
import { CurrentUser } from '../auth/decorators';
import { uuidPipe } from '../common/uuid.pipe';
import { RepaymentDto, toRepaymentDto } from '../payments/payments.dto';
import {
  ApprovedSettlementDto,
  AsOfDto,
  CalculationDto,
  CompleteReviewDto,
  CreateProofDto,
  CursoryDto,
  DeadlineDto,
  DeadlineQueryDto,
  FindingDto,
  LineConsentsDto,
  OwnCostsDto,
  ProofDto,
  ProofPageDto,
  ProofQueryDto,
  ProposeSettlementDto,
  ReceiptBodyDto,
  ReceiptDecisionDto,
  ReceiptDto,
  ReceiptPageDto,
  ReceiptQueryDto,
  RecoveryDto,
  RecoveryInterestDto,
  RecoveryQueryDto,
  RecoveryRepaymentDto,
  ProofReviewDto,
  SampleDto,
  SettlementDto,
  SettlementQueryDto,
  StateProofDto,
  StateProofSubmitDto,
  StateRefundDto,
  toCalculationDto,
  toDeadlineDto,
  toFindingDto,
  toProofDto,
  toReceiptDto,
  toRecoveryDto,
  toRecoveryInterestDto,
  toReviewDto,
  toSettlementDto,
  toStateProofDto,
  UpdateProofDto,
} from './proofs.dto';
import { ReasonDto } from '../payments/payments.dto';

const ALL = [Role.ADMIN, Role.STAFF, Role.APPROVER, Role.AUDITOR, Role.PROVIDER];
const KREIS_READERS = [Role.ADMIN, Role.STAFF, Role.APPROVER, Role.AUDITOR];
const REVIEWERS = [Role.ADMIN, Role.STAFF];

/** Verwendungsnachweise: Sachbericht, zahlenmäßiger Nachweis, Belegliste, Prüfung. */
@ApiTags('proofs-of-use')
@ApiBearerAuth()
@Controller('proofs-of-use')
export class ProofsController {
  constructor(
    private readonly proofs: ProofsService,
    private readonly reviews: ReviewService,
  ) {}

  @Get()
  @Roles(...ALL)
  @ApiOkResponse({ type: ProofPageDto })
  async list(@CurrentUser() user: AuthenticatedUser, @Query() q: ProofQueryDto): Promise<ProofPageDto> {
    const page = await this.proofs.list(user, q);
    return { items: await Promise.all(page.items.map(async (p) => toProofDto(p, await this.proofs.allowedActions(user, p)))), nextCursor: page.nextCursor };
  }

  /** Fristen: fällige und überfällige Zwischen- und Verwendungsnachweise. */
  @Get('deadlines')
  @Roles(...ALL)
  @ApiOkResponse({ type: [DeadlineDto] })
  async deadlines(@CurrentUser() user: AuthenticatedUser, @Query() q: DeadlineQueryDto): Promise<DeadlineDto[]> {
    return (await this.proofs.deadlines(user, q)).map(toDeadlineDto);
  }

  @Post()
  @Roles(Role.PROVIDER)
  @ApiCreatedResponse({ type: ProofDto })
  async create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateProofDto): Promise<ProofDto> {
    const proof = await this.proofs.create(user, body.decisionId, body.kind, body.coveredYear ?? null);
    return toProofDto(proof, await this.proofs.allowedActions(user, proof));
  }

  @Get(':id')
  @Roles(...ALL)
  @ApiOkResponse({ type: ProofDto })
  async get(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<ProofDto> {
    const proof = await this.proofs.get(user, id);
    return toProofDto(proof, await this.proofs.allowedActions(user, proof), await this.proofs.fromReceipts(proof));
  }

  @Patch(':id')
  @Roles(Role.PROVIDER)
  @ApiOkResponse({ type: ProofDto })
  async update(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() body: UpdateProofDto): Promise<ProofDto> {
    const updated = await this.proofs.update(user, id, {
        ...(body.narrative ? { narrative: body.narrative } : {}),
        ...(body.figures
          ? {
              figures: {
                costLines: body.figures.costLines.map((l) => ({
                  category: l.category,
                  description: l.description,
                  actual: l.actual === undefined ? null : Money.of(l.actual).toApiString(),
                  overrideReason: l.overrideReason ?? null,
                })),
                ownFunds: Money.of(body.figures.ownFunds).toApiString(),
                thirdPartyFunds: Money.of(body.figures.thirdPartyFunds).toApiString(),
              },
            }
          : {}),
      });
    return toProofDto(updated, await this.proofs.allowedActions(user, updated), await this.proofs.fromReceipts(updated));
  }

  /** Einreichen; ab jetzt läuft die Aufbewahrungsfrist der Belege. */
  @Post(':id/submit')
  @HttpCode(200)
  @Roles(Role.PROVIDER)
  @ApiOkResponse({ type: ProofDto })
  async submit(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<ProofDto> {
    const proof = await this.proofs.submit(user, id);
    return toProofDto(proof, await this.proofs.allowedActions(user, proof));
  }

  @Get(':id/findings')
  @Roles(...ALL)
  @ApiOkResponse({ type: [FindingDto] })
  async findings(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<FindingDto[]> {
    return (await this.proofs.findings(user, id)).map(toFindingDto);
  }

  @Get(':id/receipts')
  @Roles(...ALL)
  @ApiOkResponse({ type: ReceiptPageDto })
  async receipts(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Query() q: ReceiptQueryDto): Promise<ReceiptPageDto> {
    const page = await this.proofs.receipts(user, id, q);
    return { items: page.items.map((r) => toReceiptDto(r, page.reviewVisible)), nextCursor: page.nextCursor };
  }

  @Post(':id/receipts')
  @Roles(Role.PROVIDER)
  @ApiCreatedResponse({ type: ReceiptDto })
  async addReceipt(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() b: ReceiptBodyDto): Promise<ReceiptDto> {
    const r = await this.proofs.addReceipt(user, id, {
      position: b.position ?? null,
      receiptNumber: b.receiptNumber,
      receiptDate: CalendarDate.parse(b.receiptDate, 'receiptDate'),
      paymentDate: CalendarDate.parse(b.paymentDate, 'paymentDate'),
      counterparty: b.counterparty,
      reason: b.reason,
      direction: b.direction,
      costCategory: b.costCategory,
      grossAmount: Money.of(b.grossAmount),
      vatAmount: b.vatAmount === undefined ? null : Money.of(b.vatAmount),
      projectSharePercent: b.projectSharePercent === undefined ? null : dec(b.projectSharePercent),
      eligibleAmount: b.eligibleAmount === undefined ? null : Money.of(b.eligibleAmount),
      personnelPosition: b.personnelPosition ?? null,
    });
    return toReceiptDto(r, false);
  }

  @Delete(':id/receipts/:receiptId')
  @HttpCode(204)
  @Roles(Role.PROVIDER)
  @ApiNoContentResponse()
  async deleteReceipt(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Param('receiptId', uuidPipe) receiptId: string): Promise<void> {
    await this.proofs.deleteReceipt(user, id, receiptId);
  }

  // ───────────────────────────── Prüfung ─────────────────────────────

  @Get(':id/review')
  @Roles(...KREIS_READERS)
  @ApiOkResponse({ type: ProofReviewDto })
  async review(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<ProofReviewDto> {
    const r = await this.reviews.get(user, id);
    if (!r) throw reviewNotStarted();
    return toReviewDto(r);
  }

  @Post(':id/review')
  @Roles(...REVIEWERS)
  @ApiCreatedResponse({ type: ProofReviewDto })
  async startReview(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<ProofReviewDto> {
    return toReviewDto(await this.reviews.start(user, id));
  }

  /** Kursorische Prüfung (Checkliste). */
  @Put(':id/review/cursory')
  @Roles(...REVIEWERS)
  @ApiOkResponse({ type: ProofReviewDto })
  async cursory(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() b: CursoryDto): Promise<ProofReviewDto> {
    return toReviewDto(await this.reviews.saveCursory(user, id, { complete: b.complete ?? null, plausible: b.plausible ?? null, purposeAchieved: b.purposeAchieved ?? null, notes: b.notes ?? null }));
  }

  /** Zustimmungen zur Überschreitung einzelner Ansätze über die 20 % hinaus. */
  @Put(':id/review/line-consents')
  @Roles(...REVIEWERS)
  @ApiOkResponse({ type: ProofReviewDto })
  async lineConsents(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() b: LineConsentsDto): Promise<ProofReviewDto> {
    return toReviewDto(await this.reviews.saveLineConsents(user, id, b.consents.map((c) => ({ category: c.category, amount: Money.of(c.amount), note: c.note ?? null }))));
  }

  /** Stichprobe ziehen (reproduzierbar über den gespeicherten Startwert). */
  @Post(':id/review/sample')
  @HttpCode(200)
  @Roles(...REVIEWERS)
  @ApiOkResponse({ type: ProofReviewDto })
  async sample(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() b: SampleDto): Promise<ProofReviewDto> {
    return toReviewDto(await this.reviews.drawSample(user, id, b.seed ?? null));
  }

  /** Entscheidung zu einem Beleg: anerkannt, gekürzt oder nicht anerkannt. */
  @Post(':id/review/receipts/:receiptId')
  @HttpCode(200)
  @Roles(...REVIEWERS)
  @ApiOkResponse({ type: ReceiptDto })
  async decideReceipt(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidPipe) id: string,
    @Param('receiptId', uuidPipe) receiptId: string,
    @Body() b: ReceiptDecisionDto,
  ): Promise<ReceiptDto> {
    return toReceiptDto(await this.reviews.decideReceipt(user, id, receiptId, b.outcome, b.amount === undefined ? null : Money.of(b.amount), b.note ?? null), true);
  }

  /** Die abschließende Zuwendung Z, Zeile für Zeile, nach dem Stand der Prüfung. */
  @Get(':id/review/calculation')
  @Roles(...KREIS_READERS)
  @ApiOkResponse({ type: CalculationDto })
  async calculation(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<CalculationDto> {
    return toCalculationDto(await this.reviews.calculation(user, id));
  }

  /** Prüfvermerk abschließen. */
  @Post(':id/review/complete')
  @HttpCode(200)
  @Roles(...REVIEWERS)
  @ApiOkResponse({ type: ProofReviewDto })
  async complete(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() b: CompleteReviewDto): Promise<ProofReviewDto> {
    return toReviewDto(await this.reviews.complete(user, id, b.conclusion));
  }
}

/** Festsetzung der Zuwendung unter Vier-Augen. */
@ApiTags('settlements')
@ApiBearerAuth()
@Controller('settlements')
export class SettlementsController {
  constructor(private readonly settlements: SettlementsService) {}

  @Get()
  @Roles(...ALL)
  @ApiOkResponse({ type: [SettlementDto] })
  async list(@CurrentUser() user: AuthenticatedUser, @Query() q: SettlementQueryDto): Promise<SettlementDto[]> {
    return (await this.settlements.list(user, q)).map((s) => toSettlementDto(s, this.settlements.allowedActions(user, s)));
  }

  @Post()
  @Roles(...REVIEWERS)
  @ApiCreatedResponse({ type: SettlementDto })
  async propose(@CurrentUser() user: AuthenticatedUser, @Body() b: ProposeSettlementDto): Promise<SettlementDto> {
    const s = await this.settlements.propose(user, b.proofId, b.recoveryDueDate ?? null);
    return toSettlementDto(s, this.settlements.allowedActions(user, s));
  }

  @Get(':id')
  @Roles(...ALL)
  @ApiOkResponse({ type: SettlementDto })
  async get(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<SettlementDto> {
    const s = await this.settlements.get(user, id);
    return toSettlementDto(s, this.settlements.allowedActions(user, s));
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles(Role.APPROVER, Role.ADMIN)
  @ApiOkResponse({ type: ApprovedSettlementDto })
  async approve(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<ApprovedSettlementDto> {
    const { settlement, recovery } = await this.settlements.approve(user, id);
    return { ...toSettlementDto(settlement, this.settlements.allowedActions(user, settlement)), recoveryId: recovery?.id ?? null };
  }

  @Post(':id/return')
  @HttpCode(200)
  @Roles(Role.APPROVER, Role.ADMIN)
  @ApiOkResponse({ type: SettlementDto })
  async returnProposal(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() b: ReasonDto): Promise<SettlementDto> {
    const s = await this.settlements.returnProposal(user, id, b.reason);
    return toSettlementDto(s, this.settlements.allowedActions(user, s));
  }
}

/** Rückforderungen mit Zinsen nach § 49a Abs. 3 VwVfG. */
@ApiTags('recoveries')
@ApiBearerAuth()
@Controller('recoveries')
export class RecoveriesController {
  constructor(private readonly recoveries: RecoveriesService) {}

  @Get()
  @Roles(...ALL)
  @ApiOkResponse({ type: [RecoveryDto] })
  async list(@CurrentUser() user: AuthenticatedUser, @Query() q: RecoveryQueryDto): Promise<RecoveryDto[]> {
    return (await this.recoveries.list(user, q)).map((r) => toRecoveryDto(r, this.recoveries.allowedActions(user, r)));
  }

  @Get(':id')
  @Roles(...ALL)
  @ApiOkResponse({ type: RecoveryDto })
  async get(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<RecoveryDto> {
    const r = await this.recoveries.get(user, id);
    return toRecoveryDto(r, this.recoveries.allowedActions(user, r));
  }

  /** Zinsen bis zu einem Stichtag (Standard: heute), mit den bis dahin eingegangenen Zahlungen. */
  @Get(':id/interest')
  @Roles(...ALL)
  @ApiOkResponse({ type: RecoveryInterestDto })
  async interest(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Query() q: AsOfDto): Promise<RecoveryInterestDto> {
    return toRecoveryInterestDto(await this.recoveries.interest(user, id, q.asOf));
  }

  @Get(':id/repayments')
  @Roles(...ALL)
  @ApiOkResponse({ type: [RepaymentDto] })
  async repayments(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<RepaymentDto[]> {
    return (await this.recoveries.repayments(user, id)).map(toRepaymentDto);
  }

  /** Zahlungseingang auf die Rückforderung. */
  @Post(':id/repayments')
  @Roles(Role.ADMIN, Role.STAFF)
  @ApiCreatedResponse({ type: RecoveryDto })
  async repay(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() b: RecoveryRepaymentDto): Promise<RecoveryDto> {
    const { recovery } = await this.recoveries.recordRepayment(user, id, { amount: Money.of(b.amount), receivedOn: b.receivedOn, payer: b.payer, paymentReference: b.paymentReference });
    return toRecoveryDto(recovery, this.recoveries.allowedActions(user, recovery));
  }
}

/** Der Verwendungsnachweis des Landkreises an das Land, je Haushaltsjahr. */
@ApiTags('state-proofs')
@ApiBearerAuth()
@Controller('state-proofs')
export class StateProofsController {
  constructor(private readonly stateProofs: StateProofsService) {}

  @Get(':budgetYearId')
  @Roles(...KREIS_READERS)
  @ApiOkResponse({ type: StateProofDto })
  async get(@CurrentUser() user: AuthenticatedUser, @Param('budgetYearId', uuidPipe) id: string): Promise<StateProofDto> {
    const v = await this.stateProofs.view(id);
    return toStateProofDto(v, this.stateProofs.allowedActions(user, v));
  }

  @Put(':budgetYearId/own-costs')
  @Roles(...REVIEWERS)
  @ApiOkResponse({ type: StateProofDto })
  async ownCosts(@CurrentUser() user: AuthenticatedUser, @Param('budgetYearId', uuidPipe) id: string, @Body() b: OwnCostsDto): Promise<StateProofDto> {
    const v = await this.stateProofs.setOwnCosts(user, id, Money.of(b.ownEligibleCosts));
    return toStateProofDto(v, this.stateProofs.allowedActions(user, v));
  }

  @Post(':budgetYearId/submit')
  @HttpCode(200)
  @Roles(Role.APPROVER, Role.ADMIN)
  @ApiOkResponse({ type: StateProofDto })
  async submit(@CurrentUser() user: AuthenticatedUser, @Param('budgetYearId', uuidPipe) id: string, @Body() b: StateProofSubmitDto): Promise<StateProofDto> {
    const v = await this.stateProofs.submit(user, id, b.submittedOn, b.submissionReference);
    return toStateProofDto(v, this.stateProofs.allowedActions(user, v));
  }

  /** Erstattung an das Land (gebucht als STATE_REFUND). */
  @Post(':budgetYearId/refunds')
  @HttpCode(200)
  @Roles(...REVIEWERS)
  @ApiOkResponse({ type: StateProofDto })
  async refund(@CurrentUser() user: AuthenticatedUser, @Param('budgetYearId', uuidPipe) id: string, @Body() b: StateRefundDto): Promise<StateProofDto> {
    const v = await this.stateProofs.recordRefund(user, id, Money.of(b.amount), b.refundedOn);
    return toStateProofDto(v, this.stateProofs.allowedActions(user, v));
  }
}
