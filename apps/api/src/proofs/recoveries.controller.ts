import { Money, Role } from '@foerderfluss/core';
import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '@foerderfluss/identity';
import { DunningService, RecoveriesService, Recovery } from '@foerderfluss/proof-of-use';
import { Roles, CurrentUser } from '../auth/decorators';
import { uuidPipe } from '../common/uuid.pipe';
import { RepaymentDto, toRepaymentDto } from '../payments/repayments.dto';
import { RecoveryQueryDto, AsOfDto, RecoveryRepaymentDto, RecoveryDto, toRecoveryDto, RecoveryInterestDto, toRecoveryInterestDto, RecoveryPageDto } from './recoveries.dto';
import { ReferenceCodesPipe } from '../common/list-query';
import { EVERYONE } from '../auth/role-groups';
import { CaseType } from '@foerderfluss/cases';
import { CaseFields } from '../cases/case-fields.interceptor';

/** Rückforderungen mit Zinsen nach § 49a Abs. 3 VwVfG, mit Mahnstufe und Mahnungen. */
@ApiTags('recoveries')
@ApiBearerAuth()
@Controller('recoveries')
export class RecoveriesController {
  constructor(
    private readonly recoveries: RecoveriesService,
    private readonly dunning: DunningService,
  ) {}

  /** Filter `dunningLevel` (Mahnstufe) und `enforcementDue=true` (Vollstreckung prüfen). */
  @Get()
  @Roles(...EVERYONE)
  @CaseFields(CaseType.RECOVERY)
  @ApiOkResponse({ type: RecoveryPageDto })
  async list(@CurrentUser() user: AuthenticatedUser, @Query(ReferenceCodesPipe) q: RecoveryQueryDto): Promise<RecoveryPageDto> {
    const page = await this.recoveries.list(user, q);
    return { items: await this.dtos(user, page.items), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @Roles(...EVERYONE)
  @CaseFields(CaseType.RECOVERY)
  @ApiOkResponse({ type: RecoveryDto })
  async get(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<RecoveryDto> {
    const [dto] = await this.dtos(user, [await this.recoveries.get(user, id)]);
    return dto!;
  }

  /** Zinsen bis zu einem Stichtag (Standard: heute), mit den bis dahin eingegangenen Zahlungen. */
  @Get(':id/interest')
  @Roles(...EVERYONE)
  @ApiOkResponse({ type: RecoveryInterestDto })
  async interest(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Query() q: AsOfDto): Promise<RecoveryInterestDto> {
    return toRecoveryInterestDto(await this.recoveries.interest(user, id, q.asOf));
  }

  @Get(':id/repayments')
  @Roles(...EVERYONE)
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
    const [dto] = await this.dtos(user, [recovery]);
    return dto!;
  }

  /** The recoveries with what the caller may do and their Mahnwesen. */
  private async dtos(user: AuthenticatedUser, items: Recovery[]): Promise<RecoveryDto[]> {
    const views = await this.dunning.views(user, items);
    return items.map((r) => toRecoveryDto(r, this.recoveries.allowedActions(user, r), views.get(r.id)));
  }
}
