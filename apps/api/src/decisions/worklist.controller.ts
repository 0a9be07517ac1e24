import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '@foerderfluss/identity';
import { WorklistService } from '@foerderfluss/decisions';
import { PaymentRequestsService } from '@foerderfluss/payments';
import { DunningService, ProofWorklistService } from '@foerderfluss/proof-of-use';
import { CasesService } from '@foerderfluss/cases';
import { AnyRole, CurrentUser } from '../auth/decorators';
import { toWorklistDto, WorklistItemDto, WorklistQueryDto } from './decisions.dto';

/** Arbeitsvorrat: was wartet auf mich, nach Frist sortiert. */
@ApiTags('worklist')
@ApiBearerAuth()
@Controller('worklist')
export class WorklistController {
  constructor(
    private readonly worklist: WorklistService,
    private readonly payments: PaymentRequestsService,
    private readonly proofs: ProofWorklistService,
    private readonly dunning: DunningService,
    private readonly cases: CasesService,
  ) {}

  /**
   * Ein Abschnitt der Arbeitsliste: Aufgaben (Anträge, Entscheidungsvorschläge, Mittelabrufe,
   * Verwendungsnachweise, Festsetzungen, Rückforderungen zur Vollstreckung; Standard), „Meine Fälle“ oder fällige Wiedervorlagen.
   * Jeder Eintrag nennt Aktenzeichen, Träger und ein Datum.
   */
  @Get()
  @AnyRole()
  @ApiOkResponse({ type: [WorklistItemDto] })
  async get(@CurrentUser() user: AuthenticatedUser, @Query() q: WorklistQueryDto): Promise<WorklistItemDto[]> {
    const section = q.section ?? 'TASKS';
    // The libs above decisions (payments, proof-of-use, cases) hand in their parts of the worklist here.
    const entries = await this.worklist.forUser(user, [this.payments, this.proofs, this.dunning, this.cases], section);
    return (await this.cases.markMine(user, entries)).map((e) => toWorklistDto(e, section));
  }
}
