import { Injectable } from '@nestjs/common';
import { isKreisSide, labelledChecklist, LabelledChecklistEntry, Money, Scope } from '@foerderfluss/core';
import { UsersService } from '@foerderfluss/identity';
import { BudgetYearsService } from '@foerderfluss/funding';
import { APPLICATION_CHECKLIST, VotumRecommendation } from '@foerderfluss/applications';
import { splitBySource } from '@foerderfluss/rules';
import { DecisionOutcome, Instrument } from './decision.entity';
import { DecisionVersion, VersionKind } from './decision-version.entity';
import { approvalAction, DecisionWithVersions } from './decisions.service';
import { decisionLifecycle } from './decision-state';

export interface PersonRef {
  id: string;
  displayName: string;
}

/** Free money (allocated − committed) of one source before and after the decision, per budget year. */
export interface BudgetEffectYear {
  budgetYear: number;
  stateFreeBefore: Money;
  stateFreeAfter: Money;
  districtFreeBefore: Money;
  districtFreeAfter: Money;
}

/**
 * What the second pair of eyes needs to sign (issue 16, "four eyes with context"): the Votum and
 * checklist the proposal rests on, who proposed it and when, the effect on the budget, and why the
 * caller may not approve it when four eyes keep them from it.
 */
export interface DecisionContext {
  /** The Votum of the Prüfung (first proposal only); null for a Träger and for an Änderung/Widerruf. */
  votum: { recommendation: VotumRecommendation; proposedAmount: string | null; reasons: string } | null;
  /** The checklist with its Vermerke; null for a Träger and where the version has none. */
  checklist: LabelledChecklistEntry[] | null;
  proposedBy: PersonRef | null;
  proposedAt: Date | null;
  /** Only while a proposal waits (see `budgetEffect`); null for a Träger. */
  budgetEffect: { years: BudgetEffectYear[] } | null;
  /** German sentence when the caller could approve but proposed it themselves; else null. */
  approvalBlockedReason: string | null;
}

/** "diesen Bescheid", "diesen Vertrag", "diese Ablehnung", "diese Änderung", "diesen Widerruf". */
function what(decision: { instrument: Instrument; outcome: DecisionOutcome }, pending: DecisionVersion): string {
  if (pending.kind === VersionKind.AMENDMENT) return 'diese Änderung';
  if (pending.kind === VersionKind.REVOCATION) return 'diesen Widerruf';
  if (decision.outcome === DecisionOutcome.REJECTION) return 'diese Ablehnung';
  return decision.instrument === Instrument.VERTRAG ? 'diesen Vertrag' : 'diesen Bescheid';
}

@Injectable()
export class DecisionContextService {
  constructor(
    private readonly users: UsersService,
    private readonly budgetYears: BudgetYearsService,
  ) {}

  async of(scope: Scope, d: DecisionWithVersions): Promise<DecisionContext> {
    // The proposal waiting for approval, else the version in force: whose Prüfung it rests on.
    const version = d.pending ?? d.current;
    const names = await this.users.displayNames([version?.proposedBy ?? null]);
    const proposedBy = version ? { id: version.proposedBy, displayName: names.get(version.proposedBy) ?? '–' } : null;
    const base = { proposedBy, proposedAt: version?.proposedAt ?? null, approvalBlockedReason: this.approvalBlockedReason(scope, d) };
    // Votum, checklist and the budget are the Landratsamt's internal working papers.
    if (!isKreisSide(scope)) return { ...base, votum: null, checklist: null, budgetEffect: null };
    const review = version?.review ?? null;
    return {
      ...base,
      votum: review?.votum ?? null,
      checklist: review ? labelledChecklist(APPLICATION_CHECKLIST, review.checklist) : null,
      budgetEffect: d.pending ? await this.budgetEffect(scope, d, d.pending) : null,
    };
  }

  /**
   * The sentence the page shows instead of the Freigeben button: only for someone who holds the
   * signing role and proposed this very version (the lifecycle's four-eyes rule, asked once here).
   */
  approvalBlockedReason(scope: Scope, d: DecisionWithVersions): string | null {
    const pending = d.pending;
    if (!pending) return null;
    if (!decisionLifecycle.fourEyesBlocks(d.decision.status, approvalAction(d.decision, pending), scope, { firstActorId: pending.proposedBy })) return null;
    return `Sie haben ${what(d.decision, pending)} selbst vorgeschlagen; die Freigabe muss eine andere Person mit Zeichnungsbefugnis erteilen.`;
  }

  /**
   * Free Land and Kreis money of the decision's budget year now ("before": the proposal is not yet
   * committed) and after approval would post its ledger entry: a first Bewilligung commits the
   * Höchstbetrag, an Änderung the difference, a Widerruf releases it; an Ablehnung changes
   * nothing. The split is the ledger's own (`splitBySource` at the year's Land rate), so "after"
   * is what the Haushalt page shows once approved. An issued decision has no effect left to show
   * (null): its commitment is in the ledger.
   */
  private async budgetEffect(scope: Scope, d: DecisionWithVersions, pending: DecisionVersion): Promise<{ years: BudgetEffectYear[] }> {
    const { year, balances } = await this.budgetYears.get(scope, d.decision.budgetYearId);
    const previous = d.current?.maxAmount ?? Money.ZERO;
    const delta = d.decision.outcome === DecisionOutcome.REJECTION ? Money.ZERO : pending.maxAmount.minus(previous);
    const split = splitBySource(delta, year.stateRatePercent);
    return {
      years: [
        {
          budgetYear: year.year,
          stateFreeBefore: balances.freeToCommit.state,
          stateFreeAfter: balances.freeToCommit.state.minus(split.state),
          districtFreeBefore: balances.freeToCommit.district,
          districtFreeAfter: balances.freeToCommit.district.minus(split.district),
        },
      ],
    };
  }
}

