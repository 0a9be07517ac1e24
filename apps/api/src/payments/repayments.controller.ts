import { Money, Role } from '@foerderfluss/core';
import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '@foerderfluss/identity';
import { RecoveriesService } from '@foerderfluss/proof-of-use';
import { Roles, CurrentUser } from '../auth/decorators';
import { StateFlowsService } from '@foerderfluss/payments';
import { RepaymentBodyDto, RepaymentQueryDto, RepaymentDto, toRepaymentDto } from './repayments.dto';
import { EVERYONE } from '../auth/role-groups';

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
  @Roles(...EVERYONE)
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
