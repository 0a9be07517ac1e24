import { Money, Role } from '@foerderfluss/core';
import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '@foerderfluss/identity';
import { Roles, CurrentUser } from '../auth/decorators';
import { uuidPipe } from '../common/uuid.pipe';
import { FundUseService } from '@foerderfluss/payments';
import { FundUseBodyDto, FundUseDto, toFundUseDto, LateUseQueryDto, LateUseDecisionBodyDto, LateUseInterestDto, toLateUseDto, LateUseDecisionDto, toLateUseDecisionDto } from './fund-use.dto';
import { EVERYONE, KREIS_SIDE } from '../auth/role-groups';

/** Mittelverwendung und Zinsen nach § 49a Abs. 4 VwVfG je Entscheidung. */
@ApiTags('decisions')
@ApiBearerAuth()
@Controller('decisions')
export class FundUseController {
  constructor(private readonly funds: FundUseService) {}

  @Get(':id/fund-uses')
  @Roles(...EVERYONE)
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
  @Roles(...KREIS_SIDE)
  @ApiOkResponse({ type: LateUseInterestDto })
  async lateUse(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Query() q: LateUseQueryDto): Promise<LateUseInterestDto> {
    return toLateUseDto(await this.funds.compute(user, id, q.asOf));
  }

  @Get(':id/late-use-interest-decisions')
  @Roles(...EVERYONE)
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
