import { Role } from '@foerderfluss/core';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '@foerderfluss/identity';
import { Settlement, SettlementsService } from '@foerderfluss/proof-of-use';
import { Roles, CurrentUser } from '../auth/decorators';
import { uuidPipe } from '../common/uuid.pipe';
import { ReasonDto } from '../payments/payment-requests.dto';
import { ProposeSettlementDto, SettlementQueryDto, SettlementDto, toSettlementDto, ApprovedSettlementDto } from './settlements.dto';
import { CASEWORKERS, EVERYONE } from '../auth/role-groups';

/** Festsetzung der Zuwendung unter Vier-Augen. */
@ApiTags('settlements')
@ApiBearerAuth()
@Controller('settlements')
export class SettlementsController {
  constructor(private readonly settlements: SettlementsService) {}

  /** The Festsetzung with what the approver needs beside it (Votum, Prüfvermerk, proposer). */
  private async present(user: AuthenticatedUser, s: Settlement): Promise<SettlementDto> {
    return toSettlementDto(s, this.settlements.allowedActions(user, s), await this.settlements.context(user, s));
  }

  @Get()
  @Roles(...EVERYONE)
  @ApiOkResponse({ type: [SettlementDto] })
  async list(@CurrentUser() user: AuthenticatedUser, @Query() q: SettlementQueryDto): Promise<SettlementDto[]> {
    const list = await this.settlements.list(user, q);
    const contexts = await this.settlements.contexts(user, list);
    return list.map((s, i) => toSettlementDto(s, this.settlements.allowedActions(user, s), contexts[i]!));
  }

  @Post()
  @Roles(...CASEWORKERS)
  @ApiCreatedResponse({ type: SettlementDto })
  async propose(@CurrentUser() user: AuthenticatedUser, @Body() b: ProposeSettlementDto): Promise<SettlementDto> {
    return this.present(user, await this.settlements.propose(user, b.proofId, b.recoveryDueDate ?? null, b.votum?.reasons ?? null));
  }

  @Get(':id')
  @Roles(...EVERYONE)
  @ApiOkResponse({ type: SettlementDto })
  async get(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<SettlementDto> {
    return this.present(user, await this.settlements.get(user, id));
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles(Role.APPROVER, Role.ADMIN)
  @ApiOkResponse({ type: ApprovedSettlementDto })
  async approve(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<ApprovedSettlementDto> {
    const { settlement, recovery } = await this.settlements.approve(user, id);
    return { ...(await this.present(user, settlement)), recoveryId: recovery?.id ?? null };
  }

  @Post(':id/return')
  @HttpCode(200)
  @Roles(Role.APPROVER, Role.ADMIN)
  @ApiOkResponse({ type: SettlementDto })
  async returnProposal(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() b: ReasonDto): Promise<SettlementDto> {
    return this.present(user, await this.settlements.returnProposal(user, id, b.reason));
  }
}
