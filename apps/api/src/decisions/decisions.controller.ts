import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CalendarDate, Money, Rate, Role } from '@foerderfluss/core';
import type { AuthenticatedUser } from '@foerderfluss/identity';
import { DecisionApprovalsService, DecisionContextService, DecisionProposalsService, DecisionsService, DecisionWithVersions } from '@foerderfluss/decisions';
import { CurrentUser, Roles } from '../auth/decorators';
import { uuidPipe } from '../common/uuid.pipe';
import { ReferenceCodesPipe } from '../common/list-query';
import {
  AmendmentDto,
  DecisionDto,
  DecisionPageDto,
  DecisionQueryDto,
  ReturnDto,
  RevocationDto,
  toDecisionDto,
  toDecisionSummaryDto,
} from './decisions.dto';
import { EVERYONE } from '../auth/role-groups';
import { CaseType } from '@foerderfluss/cases';
import { CaseFields } from '../cases/case-fields.interceptor';

/** Bescheide und Verträge mit ihren Fassungen; Träger sehen nur erlassene Entscheidungen über ihre Anträge. */
@ApiTags('decisions')
@ApiBearerAuth()
@Controller('decisions')
export class DecisionsController {
  constructor(
    private readonly decisions: DecisionsService,
    private readonly proposals: DecisionProposalsService,
    private readonly approvals: DecisionApprovalsService,
    private readonly context: DecisionContextService,
  ) {}

  /** The decision with what the approver needs beside it (Votum, checklist, proposer, budget effect). */
  private async present(user: AuthenticatedUser, d: DecisionWithVersions): Promise<DecisionDto> {
    return toDecisionDto(d, await this.context.of(user, d));
  }

  @Get()
  @Roles(...EVERYONE)
  @CaseFields(CaseType.DECISION)
  @ApiOkResponse({ type: DecisionPageDto })
  async list(@CurrentUser() user: AuthenticatedUser, @Query(ReferenceCodesPipe) q: DecisionQueryDto): Promise<DecisionPageDto> {
    const page = await this.decisions.list(user, q);
    return { items: page.items.map(toDecisionSummaryDto), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @Roles(...EVERYONE)
  @CaseFields(CaseType.DECISION)
  @ApiOkResponse({ type: DecisionDto })
  async get(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<DecisionDto> {
    return this.present(user, await this.decisions.get(user, id));
  }

  /** Freigabe durch eine zeichnungsbefugte Person, die den Vorschlag nicht selbst gemacht hat. */
  @Post(':id/approve')
  @HttpCode(200)
  @Roles(Role.APPROVER)
  @ApiOkResponse({ type: DecisionDto })
  async approve(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<DecisionDto> {
    return this.present(user, await this.approvals.approve(user, id));
  }

  /** Vorschlag mit Begründung zurückgeben. */
  @Post(':id/return')
  @HttpCode(200)
  @Roles(Role.APPROVER)
  @ApiOkResponse({ type: DecisionDto })
  async returnProposal(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() body: ReturnDto): Promise<DecisionDto> {
    return this.present(user, await this.approvals.returnProposal(user, id, body.reason));
  }

  /** Änderungsbescheid vorschlagen: neue Fassung mit Begründung. */
  @Post(':id/amendments')
  @Roles(Role.ADMIN, Role.STAFF)
  @ApiCreatedResponse({ type: DecisionDto })
  async amend(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() body: AmendmentDto): Promise<DecisionDto> {
    return this.present(
      user,
      await this.proposals.proposeAmendment(user, id, {
        reason: body.reason,
        maxAmount: body.maxAmount ? Money.of(body.maxAmount) : undefined,
        purpose: body.purpose,
        periodStart: body.periodStart,
        periodEnd: body.periodEnd,
        financingType: body.financingType,
        fundingRatePercent: body.fundingRatePercent === undefined ? undefined : body.fundingRatePercent === null ? null : Rate.fromPercent(body.fundingRatePercent),
        specialConditions: body.specialConditions,
      }),
    );
  }

  /** Widerruf oder Rücknahme (ganz oder teilweise) vorschlagen. */
  @Post(':id/revocations')
  @Roles(Role.ADMIN, Role.STAFF)
  @ApiCreatedResponse({ type: DecisionDto })
  async revoke(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() body: RevocationDto): Promise<DecisionDto> {
    CalendarDate.parse(body.effectiveDate, 'effectiveDate');
    return this.present(user, await this.proposals.proposeRevocation(user, id, { reason: body.reason, newMaxAmount: Money.of(body.newMaxAmount), effectiveDate: body.effectiveDate }));
  }
}
