import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DomainError, hasRole, Money, Rate, Role } from '@foerderfluss/core';
import type { AuthenticatedUser } from '@foerderfluss/identity';
import { Application, ApplicationContent, ApplicationReviewService, ApplicationsService, ApplicationSubmissionService, FinancingPlanDoc } from '@foerderfluss/applications';
import { DecisionContextService, DecisionProposalsService, Instrument } from '@foerderfluss/decisions';
import { CurrentUser, Roles } from '../auth/decorators';
import { uuidPipe } from '../common/uuid.pipe';
import { ReferenceCodesPipe } from '../common/list-query';
import {
  ApplicationDto,
  ApplicationPageDto,
  ApplicationQueryDto,
  ApplicationVersionDto,
  CommentDto,
  CommentViewDto,
  CreateApplicationDto,
  EarlyStartConsentDto,
  EarlyStartConsentViewDto,
  FinancingPlanDto,
  ReviewChecksDto,
  ReviewDto,
  TextDto,
  toApplicationDto,
  toChecksDto,
  toCommentDto,
  toConsentDto,
  toVersionDto,
  UpdateApplicationDto,
  WithdrawDto,
} from './applications.dto';
import { DecisionDto, ProposeGrantDto, ProposeRejectionDto, toDecisionDto } from '../decisions/decisions.dto';
import { EVERYONE, KREIS_SIDE } from '../auth/role-groups';
import { CaseType } from '@foerderfluss/cases';
import { CaseFields } from '../cases/case-fields.interceptor';

function plan(p: FinancingPlanDto): FinancingPlanDoc {
  return {
    costLines: p.costLines.map(({ category, description, amount }) => ({ category, description, amount })),
    personnelPositions: p.personnelPositions.map(({ label, payGrade, monthlyEmployerGross, comparisonAmount, fte, months }) => ({
      label,
      payGrade,
      monthlyEmployerGross,
      comparisonAmount,
      fte,
      months,
    })),
    fundingLines: p.fundingLines.map(({ kind, source, amount }) => ({ kind, source, amount })),
  };
}

const showReview = (user: AuthenticatedUser): boolean => hasRole(user, ...KREIS_SIDE);

/** Anträge: der Träger stellt und reicht ein, das Landratsamt prüft. Träger sehen nur ihre eigenen. */
@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly submission: ApplicationSubmissionService,
    private readonly reviews: ApplicationReviewService,
    private readonly decisions: DecisionProposalsService,
    private readonly decisionContext: DecisionContextService,
  ) {}

  @Get()
  @Roles(...EVERYONE)
  @CaseFields(CaseType.APPLICATION)
  @ApiOkResponse({ type: ApplicationPageDto })
  async list(@CurrentUser() user: AuthenticatedUser, @Query(ReferenceCodesPipe) q: ApplicationQueryDto): Promise<ApplicationPageDto> {
    const page = await this.applications.listView(user, q);
    return { items: page.items.map((v) => toApplicationDto(v.application, showReview(user), v.allowedActions)), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @Roles(...EVERYONE)
  @CaseFields(CaseType.APPLICATION)
  @ApiOkResponse({ type: ApplicationDto })
  async get(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<ApplicationDto> {
    const v = await this.applications.view(user, id);
    return toApplicationDto(v.application, showReview(user), v.allowedActions);
  }

  /** Antrag anlegen (Entwurf) zu einem veröffentlichten Projektaufruf. */
  @Post()
  @Roles(Role.PROVIDER)
  @ApiCreatedResponse({ type: ApplicationDto })
  async create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateApplicationDto): Promise<ApplicationDto> {
    const content: ApplicationContent = {
      title: body.title,
      purpose: body.purpose,
      targetGroup: body.targetGroup,
      fieldsOfAction: body.fieldsOfAction,
      socialAreaCode: body.socialAreaCode,
      municipality: body.municipality ?? null,
      periodStart: body.periodStart,
      periodEnd: body.periodEnd,
      plannedStart: body.plannedStart,
      contactName: body.contactName,
      contactEmail: body.contactEmail,
      contactPhone: body.contactPhone ?? null,
      projectBegun: body.projectBegun ?? false,
      projectBegunOn: body.projectBegunOn ?? null,
      vatDeductible: body.vatDeductible ?? false,
      otherPublicFunding: body.otherPublicFunding ?? null,
      betterPositionRespected: body.betterPositionRespected ?? false,
      financingPlan: plan(body.financingPlan),
    };
    return this.respond(user, await this.applications.create(user, body.callId, content));
  }

  /** Ändern: nur im Entwurf oder nach einer Nachforderung. */
  @Patch(':id')
  @Roles(Role.PROVIDER)
  @ApiOkResponse({ type: ApplicationDto })
  async update(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() body: UpdateApplicationDto): Promise<ApplicationDto> {
    const { version, financingPlan, ...rest } = body;
    const patch: Partial<ApplicationContent> = { ...rest, ...(financingPlan ? { financingPlan: plan(financingPlan) } : {}) };
    return this.respond(user, await this.applications.update(user, id, patch, version));
  }

  /** Einreichen: Ausschlussfrist, Vollständigkeit und Σ Kosten = Σ Finanzierung werden geprüft. */
  @Post(':id/submit')
  @HttpCode(200)
  @Roles(Role.PROVIDER)
  @ApiOkResponse({ type: ApplicationDto })
  async submit(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<ApplicationDto> {
    // The Eingangsbestätigung is written in the submission's transaction and queued after its commit (LetterTriggers).
    return this.respond(user, await this.submission.submit(user, id));
  }

  /** The Antrag after a change, with what the caller may do next. */
  private async respond(user: AuthenticatedUser, application: Application): Promise<ApplicationDto> {
    return toApplicationDto(application, showReview(user), await this.applications.actionsOf(user, application));
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles(Role.PROVIDER)
  @ApiOkResponse({ type: ApplicationDto })
  async withdraw(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() body: WithdrawDto): Promise<ApplicationDto> {
    return this.respond(user, await this.submission.withdraw(user, id, body.reason ?? null));
  }

  @Get(':id/versions')
  @Roles(...EVERYONE)
  @ApiOkResponse({ type: [ApplicationVersionDto] })
  async versions(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<ApplicationVersionDto[]> {
    return (await this.applications.versions(user, id)).map(toVersionDto);
  }

  @Get(':id/versions/:versionNo')
  @Roles(...EVERYONE)
  @ApiOkResponse({ type: ApplicationVersionDto })
  async version(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidPipe) id: string,
    @Param('versionNo', new ParseIntPipe({ exceptionFactory: () => new DomainError('NOT_FOUND', 404, 'Diese Version gibt es nicht.') })) versionNo: number,
  ): Promise<ApplicationVersionDto> {
    return toVersionDto(await this.applications.version(user, id, versionNo));
  }

  /** Kommentare; Träger sehen nur die für sie sichtbaren. */
  @Get(':id/comments')
  @Roles(...EVERYONE)
  @ApiOkResponse({ type: [CommentViewDto] })
  async comments(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<CommentViewDto[]> {
    return (await this.applications.comments(user, id)).map(toCommentDto);
  }

  @Post(':id/comments')
  @Roles(Role.ADMIN, Role.STAFF, Role.APPROVER, Role.PROVIDER)
  @ApiCreatedResponse({ type: CommentViewDto })
  async comment(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() body: CommentDto): Promise<CommentViewDto> {
    return toCommentDto(await this.applications.addComment(user, id, body.text, body.visibleToProvider ?? false));
  }

  @Post(':id/start-review')
  @HttpCode(200)
  @Roles(Role.ADMIN, Role.STAFF)
  @ApiOkResponse({ type: ApplicationDto })
  async startReview(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<ApplicationDto> {
    return this.respond(user, await this.reviews.startReview(user, id));
  }

  /** Nachforderung an den Träger (für ihn sichtbar). */
  @Post(':id/request-changes')
  @HttpCode(200)
  @Roles(Role.ADMIN, Role.STAFF)
  @ApiOkResponse({ type: ApplicationDto })
  async requestChanges(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() body: TextDto): Promise<ApplicationDto> {
    return this.respond(user, await this.reviews.requestChanges(user, id, body.text));
  }

  /** Prüfcheckliste und Votum. */
  @Put(':id/review')
  @Roles(Role.ADMIN, Role.STAFF)
  @ApiOkResponse({ type: ApplicationDto })
  async review(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() body: ReviewDto): Promise<ApplicationDto> {
    const review = {
      checklist: body.checklist.map((c) => ({ code: c.code, result: c.result, note: c.note ?? null })),
      votum: body.votum ? { recommendation: body.votum.recommendation, proposedAmount: body.votum.proposedAmount ?? null, reasons: body.votum.reasons } : null,
    };
    return this.respond(user, await this.reviews.saveReview(user, id, review));
  }

  /** Besserstellungsverbot je Stelle, vorzeitiger Maßnahmebeginn, Fristen, Befunde zum Plan. */
  @Get(':id/checks')
  @Roles(...KREIS_SIDE)
  @ApiOkResponse({ type: ReviewChecksDto })
  async checks(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<ReviewChecksDto> {
    return toChecksDto(await this.reviews.checks(user, id));
  }

  @Get(':id/early-start-consents')
  @Roles(...EVERYONE)
  @ApiOkResponse({ type: [EarlyStartConsentViewDto] })
  async consents(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<EarlyStartConsentViewDto[]> {
    return (await this.applications.earlyStartConsents(user, id)).map(toConsentDto);
  }

  /** Zustimmung zum vorzeitigen Maßnahmebeginn (vor der Bewilligung). */
  @Post(':id/early-start-consents')
  @Roles(Role.ADMIN, Role.STAFF)
  @ApiCreatedResponse({ type: EarlyStartConsentViewDto })
  async addConsent(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() body: EarlyStartConsentDto): Promise<EarlyStartConsentViewDto> {
    return toConsentDto(await this.reviews.addEarlyStartConsent(user, id, body.consentDate, body.scope));
  }

  /** Bewilligung vorschlagen (Bescheid oder Vertrag); die Freigabe erfolgt durch eine andere Person. */
  @Post(':id/propose-decision')
  @Roles(Role.ADMIN, Role.STAFF)
  @ApiCreatedResponse({ type: DecisionDto })
  async proposeDecision(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() body: ProposeGrantDto): Promise<DecisionDto> {
    const result = await this.decisions.proposeGrant(user, id, {
      instrument: body.instrument,
      financingType: body.financingType,
      fundingRatePercent: body.fundingRatePercent ? Rate.fromPercent(body.fundingRatePercent) : null,
      maxAmount: Money.of(body.maxAmount),
      purpose: body.purpose,
      periodStart: body.periodStart,
      periodEnd: body.periodEnd,
      specialConditions: body.specialConditions ?? [],
    });
    return toDecisionDto(result, await this.decisionContext.of(user, result));
  }

  /** Ablehnung vorschlagen (mit Begründung); ebenfalls mit Vier-Augen-Freigabe. */
  @Post(':id/propose-rejection')
  @Roles(Role.ADMIN, Role.STAFF)
  @ApiCreatedResponse({ type: DecisionDto })
  async proposeRejection(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() body: ProposeRejectionDto): Promise<DecisionDto> {
    const result = await this.decisions.proposeRejection(user, id, { instrument: body.instrument ?? Instrument.BESCHEID, reasons: body.reasons });
    return toDecisionDto(result, await this.decisionContext.of(user, result));
  }
}
