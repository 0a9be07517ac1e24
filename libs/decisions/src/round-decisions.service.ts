import { Injectable } from '@nestjs/common';
import { DomainError, Rate, Scope } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { AllocationRoundService, AllocationRoundStatus, ApplicationsService, ApplicationStatus, proposalGaps } from '@foerderfluss/applications';
import { FinancingType } from './decisions.service';
import { DecisionProposalsService } from './decision-proposals.service';
import { Instrument } from './decision.entity';

export interface RoundProposalDefaults {
  instrument: Instrument;
  financingType: FinancingType;
  fundingRatePercent: Rate | null;
  specialConditions: string[];
}

export type RoundOutcome = 'GRANT_PROPOSED' | 'REJECTION_PROPOSED' | 'CHANGES_REQUESTED' | 'SKIPPED';

export interface RoundProposalResult {
  applicationId: string;
  reference: string;
  outcome: RoundOutcome;
  decisionId: string | null;
  detail: string;
}

/**
 * After the committee confirmed the distribution, one step turns it into proposals: a grant
 * where the proposed amount equals the request, a rejection at zero, and a request for an
 * adjusted plan where funding is partial. All in one transaction; each proposal still needs the
 * second pair of eyes.
 */
@Injectable()
export class RoundDecisionsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly rounds: AllocationRoundService,
    private readonly applications: ApplicationsService,
    private readonly decisions: DecisionProposalsService,
    private readonly audit: AuditService,
  ) {}

  async proposeFromRound(scope: Scope, callId: string, defaults: RoundProposalDefaults): Promise<RoundProposalResult[]> {
    return this.tx.run(async (em) => {
      const { round, items } = await this.rounds.items(em, scope, callId);
      if (round.status !== AllocationRoundStatus.CONFIRMED) {
        throw new DomainError('ALLOCATION_ROUND_NOT_CONFIRMED', 409, 'Die Mittelverteilung ist noch nicht beschlossen; es können noch keine Entscheidungen vorgeschlagen werden.');
      }
      const results: RoundProposalResult[] = [];
      for (const item of items) {
        const app = await this.applications.get(scope, item.applicationId, em);
        const base = { applicationId: app.id, reference: app.reference, decisionId: null };
        if (app.status !== ApplicationStatus.IN_REVIEW) {
          results.push({ ...base, outcome: 'SKIPPED', detail: `Der Antrag ist nicht in Prüfung (Status ${app.status}).` });
          continue;
        }
        // Four eyes with context: a proposal without the decided checklist and a fitting Votum
        // would reach the approver blind; it waits (SKIPPED, saying what is missing) instead of
        // failing the whole round.
        const outcome = item.proposedAmount.isZero() ? 'REJECTION' : item.proposedAmount.lessThan(app.requestedAmount) ? null : 'GRANT';
        const gaps = outcome ? proposalGaps(app.review, outcome) : [];
        if (gaps.length > 0) {
          results.push({ ...base, outcome: 'SKIPPED', detail: `Noch kein Vorschlag möglich: ${gaps.map((g) => g.message).join(' ')}` });
          continue;
        }
        if (item.proposedAmount.isZero()) {
          const d = await this.decisions.proposeRejectionIn(em, scope, app.id, { instrument: defaults.instrument, reasons: item.note ?? 'Keine Mittel in der Mittelverteilung.' });
          results.push({ ...base, outcome: 'REJECTION_PROPOSED', decisionId: d.decision.id, detail: 'Ablehnung vorgeschlagen.' });
        } else if (item.proposedAmount.lessThan(app.requestedAmount)) {
          await this.applications.applyTransition(em, scope, app.id, 'requestChanges');
          await this.applications.comment(
            em,
            scope,
            app.id,
            'CHANGE_REQUEST',
            `Teilförderung: In der Mittelverteilung sind ${item.proposedAmount.formatEur()} statt ${app.requestedAmount.formatEur()} vorgesehen. ` +
              `Bitte reichen Sie einen angepassten Kosten- und Finanzierungsplan ein. ${item.note ?? ''}`.trim(),
            true,
          );
          results.push({ ...base, outcome: 'CHANGES_REQUESTED', detail: 'Angepasster Finanzierungsplan angefordert (Teilförderung).' });
        } else {
          const d = await this.decisions.proposeGrantIn(em, scope, app.id, {
            instrument: defaults.instrument,
            financingType: defaults.financingType,
            fundingRatePercent: defaults.fundingRatePercent,
            maxAmount: item.proposedAmount,
            specialConditions: defaults.specialConditions,
          });
          results.push({ ...base, outcome: 'GRANT_PROPOSED', decisionId: d.decision.id, detail: `Bewilligung über ${item.proposedAmount.formatEur()} vorgeschlagen.` });
        }
      }
      await this.audit.record(em, scope, {
        action: 'allocation-round.propose-decisions',
        entity: 'AllocationRound',
        entityId: round.id,
        after: results.map((r) => ({ reference: r.reference, outcome: r.outcome })),
      });
      return results;
    });
  }
}

