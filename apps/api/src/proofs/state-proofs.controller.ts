import { Money, Role } from '@foerderfluss/core';
import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '@foerderfluss/identity';
import { StateProofsService } from '@foerderfluss/proof-of-use';
import { Roles, CurrentUser } from '../auth/decorators';
import { uuidPipe } from '../common/uuid.pipe';
import { OwnCostsDto, StateProofSubmitDto, StateRefundDto, StateProofDto, toStateProofDto } from './state-proofs.dto';
import { CASEWORKERS, KREIS_SIDE } from '../auth/role-groups';

/** Der Verwendungsnachweis des Landkreises an das Land, je Haushaltsjahr. */
@ApiTags('state-proofs')
@ApiBearerAuth()
@Controller('state-proofs')
export class StateProofsController {
  constructor(private readonly stateProofs: StateProofsService) {}

  @Get(':budgetYearId')
  @Roles(...KREIS_SIDE)
  @ApiOkResponse({ type: StateProofDto })
  async get(@CurrentUser() user: AuthenticatedUser, @Param('budgetYearId', uuidPipe) id: string): Promise<StateProofDto> {
    const v = await this.stateProofs.view(id, user);
    return toStateProofDto(v, this.stateProofs.allowedActions(user, v));
  }

  @Put(':budgetYearId/own-costs')
  @Roles(...CASEWORKERS)
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
  @Roles(...CASEWORKERS)
  @ApiOkResponse({ type: StateProofDto })
  async refund(@CurrentUser() user: AuthenticatedUser, @Param('budgetYearId', uuidPipe) id: string, @Body() b: StateRefundDto): Promise<StateProofDto> {
    const v = await this.stateProofs.recordRefund(user, id, Money.of(b.amount), b.refundedOn);
    return toStateProofDto(v, this.stateProofs.allowedActions(user, v));
  }
}
