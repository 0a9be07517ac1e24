import { Money, CalendarDate, dec, Role } from '@foerderfluss/core';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '@foerderfluss/identity';
import { ProofDraftsService, ProofReview, ProofsService, ProofSubmissionService, ReceiptsService, reviewNotStarted, ReviewService } from '@foerderfluss/proof-of-use';
import { CurrentUser, Roles } from '../auth/decorators';
import { uuidPipe } from '../common/uuid.pipe';
import { ReferenceCodesPipe } from '../common/list-query';
import { CreateProofDto, UpdateProofDto, ReceiptBodyDto, ProofQueryDto, ReceiptQueryDto, DeadlineQueryDto, CursoryDto, LineConsentsDto, SampleDto, ReceiptDecisionDto, CompleteReviewDto, ProofDto, toProofDto, ProofPageDto, ReceiptDto, toReceiptDto, ReceiptPageDto, FindingDto, toFindingDto, DeadlineDto, toDeadlineDto, CalculationDto, toCalculationDto, ProofReviewDto, toReviewDto, AcceptedReceiptsDto } from './proofs.dto';
import { CASEWORKERS, EVERYONE, KREIS_SIDE } from '../auth/role-groups';
import { CaseType } from '@foerderfluss/cases';
import { CaseFields } from '../cases/case-fields.interceptor';

/** Verwendungsnachweise: Sachbericht, zahlenmäßiger Nachweis, Belegliste, Prüfung. */
@ApiTags('proofs-of-use')
@ApiBearerAuth()
@Controller('proofs-of-use')
export class ProofsController {
  constructor(
    private readonly proofs: ProofsService,
    private readonly drafts: ProofDraftsService,
    private readonly submission: ProofSubmissionService,
    private readonly receiptService: ReceiptsService,
    private readonly reviews: ReviewService,
  ) {}

  @Get()
  @Roles(...EVERYONE)
  @CaseFields(CaseType.PROOF_OF_USE)
  @ApiOkResponse({ type: ProofPageDto })
  async list(@CurrentUser() user: AuthenticatedUser, @Query(ReferenceCodesPipe) q: ProofQueryDto): Promise<ProofPageDto> {
    const page = await this.proofs.list(user, q);
    return { items: await Promise.all(page.items.map(async (p) => toProofDto(p, await this.proofs.allowedActions(user, p)))), nextCursor: page.nextCursor };
  }

  /** Fristen: fällige und überfällige Zwischen- und Verwendungsnachweise. */
  @Get('deadlines')
  @Roles(...EVERYONE)
  @ApiOkResponse({ type: [DeadlineDto] })
  async deadlines(@CurrentUser() user: AuthenticatedUser, @Query() q: DeadlineQueryDto): Promise<DeadlineDto[]> {
    return (await this.proofs.deadlines(user, q)).map(toDeadlineDto);
  }

  @Post()
  @Roles(Role.PROVIDER)
  @ApiCreatedResponse({ type: ProofDto })
  async create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateProofDto): Promise<ProofDto> {
    const proof = await this.drafts.create(user, body.decisionId, body.kind, body.coveredYear ?? null);
    return toProofDto(proof, await this.proofs.allowedActions(user, proof));
  }

  @Get(':id')
  @Roles(...EVERYONE)
  @CaseFields(CaseType.PROOF_OF_USE)
  @ApiOkResponse({ type: ProofDto })
  async get(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<ProofDto> {
    const proof = await this.proofs.get(user, id);
    return toProofDto(proof, await this.proofs.allowedActions(user, proof), await this.proofs.fromReceipts(proof));
  }

  @Patch(':id')
  @Roles(Role.PROVIDER)
  @ApiOkResponse({ type: ProofDto })
  async update(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() body: UpdateProofDto): Promise<ProofDto> {
    const updated = await this.drafts.update(user, id, {
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
    const proof = await this.submission.submit(user, id);
    return toProofDto(proof, await this.proofs.allowedActions(user, proof));
  }

  @Get(':id/findings')
  @Roles(...EVERYONE)
  @ApiOkResponse({ type: [FindingDto] })
  async findings(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<FindingDto[]> {
    return (await this.submission.findings(user, id)).map(toFindingDto);
  }

  @Get(':id/receipts')
  @Roles(...EVERYONE)
  @ApiOkResponse({ type: ReceiptPageDto })
  async receipts(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Query() q: ReceiptQueryDto): Promise<ReceiptPageDto> {
    const page = await this.proofs.receipts(user, id, q);
    return { items: page.items.map((r) => toReceiptDto(r, page.reviewVisible)), nextCursor: page.nextCursor };
  }

  @Post(':id/receipts')
  @Roles(Role.PROVIDER)
  @ApiCreatedResponse({ type: ReceiptDto })
  async addReceipt(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() b: ReceiptBodyDto): Promise<ReceiptDto> {
    const r = await this.receiptService.addReceipt(user, id, {
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
    await this.receiptService.deleteReceipt(user, id, receiptId);
  }

  // ───────────────────────────── Prüfung ─────────────────────────────

  /** The Prüfvermerk with the number of sampled Belege still open (what "accept the rest" would accept). */
  private async presentReview(r: ProofReview): Promise<ProofReviewDto> {
    return toReviewDto(r, await this.reviews.openSampleCount(r.proofId));
  }

  @Get(':id/review')
  @Roles(...KREIS_SIDE)
  @ApiOkResponse({ type: ProofReviewDto })
  async review(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<ProofReviewDto> {
    const r = await this.reviews.get(user, id);
    if (!r) throw reviewNotStarted();
    return this.presentReview(r);
  }

  @Post(':id/review')
  @Roles(...CASEWORKERS)
  @ApiCreatedResponse({ type: ProofReviewDto })
  async startReview(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<ProofReviewDto> {
    return this.presentReview(await this.reviews.start(user, id));
  }

  /** Kursorische Prüfung (Checkliste). */
  @Put(':id/review/cursory')
  @Roles(...CASEWORKERS)
  @ApiOkResponse({ type: ProofReviewDto })
  async cursory(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() b: CursoryDto): Promise<ProofReviewDto> {
    return this.presentReview(await this.reviews.saveCursory(user, id, { complete: b.complete ?? null, plausible: b.plausible ?? null, purposeAchieved: b.purposeAchieved ?? null, notes: b.notes ?? null }));
  }

  /** Zustimmungen zur Überschreitung einzelner Ansätze über die 20 % hinaus. */
  @Put(':id/review/line-consents')
  @Roles(...CASEWORKERS)
  @ApiOkResponse({ type: ProofReviewDto })
  async lineConsents(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() b: LineConsentsDto): Promise<ProofReviewDto> {
    return this.presentReview(await this.reviews.saveLineConsents(user, id, b.consents.map((c) => ({ category: c.category, amount: Money.of(c.amount), note: c.note ?? null }))));
  }

  /** Stichprobe ziehen (reproduzierbar über den gespeicherten Startwert). */
  @Post(':id/review/sample')
  @HttpCode(200)
  @Roles(...CASEWORKERS)
  @ApiOkResponse({ type: ProofReviewDto })
  async sample(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() b: SampleDto): Promise<ProofReviewDto> {
    return this.presentReview(await this.reviews.drawSample(user, id, b.seed ?? null));
  }

  /**
   * Alle noch offenen Belege der Stichprobe auf einmal anerkennen (in voller förderfähiger Höhe),
   * mit einem Protokolleintrag je Beleg. Nur während der Prüfung und nach gezogener Stichprobe.
   * Steht vor /receipts/:receiptId, damit „accept-remaining“ nicht als Beleg-ID gelesen wird.
   */
  @Post(':id/review/receipts/accept-remaining')
  @HttpCode(200)
  @Roles(...CASEWORKERS)
  @ApiOkResponse({ type: AcceptedReceiptsDto })
  async acceptRemaining(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<AcceptedReceiptsDto> {
    return { accepted: await this.reviews.acceptRemaining(user, id) };
  }

  /** Entscheidung zu einem Beleg: anerkannt, gekürzt oder nicht anerkannt. */
  @Post(':id/review/receipts/:receiptId')
  @HttpCode(200)
  @Roles(...CASEWORKERS)
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
  @Roles(...KREIS_SIDE)
  @ApiOkResponse({ type: CalculationDto })
  async calculation(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<CalculationDto> {
    return toCalculationDto(await this.reviews.calculation(user, id));
  }

  /** Prüfvermerk abschließen. */
  @Post(':id/review/complete')
  @HttpCode(200)
  @Roles(...CASEWORKERS)
  @ApiOkResponse({ type: ProofReviewDto })
  async complete(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() b: CompleteReviewDto): Promise<ProofReviewDto> {
    return this.presentReview(await this.reviews.complete(user, id, b.conclusion));
  }
}
