import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Money, Scope } from '@foerderfluss/core';
import { TransactionRunner } from '@foerderfluss/database';
import { splitBySource } from '@foerderfluss/rules';
import { BudgetYear } from './budget-year.entity';
import { BudgetYearBalance } from './budget-year-balance.entity';
import { BudgetYearRepository } from './budget-year.repository';
import { LedgerGrouping, LedgerRepository } from './ledger.repository';
import { LedgerKind } from './ledger-kind';
import { budgetYearNotFound } from './funding.errors';

/**
 * The budget figures of a year, computed here and nowhere else (issue 16, "one truth for money").
 * The Haushalt page, the Vergaberunde, the Landesnachweis, the cash position and the BUDGET and
 * STATE_PROOF exports all read this service. The definitions (German terms in docs/architecture.md,
 * "Budget figures"):
 *
 * - allocated (bereitgestellt): ALLOCATION entries, the Land's Zuweisung and the Kreis's Eigenanteil;
 * - committed (gebunden): issued Bescheide/Verträge, COMMITMENT ± COMMITMENT_CHANGE − RELEASE;
 * - proposed (vorgeschlagen): proposals waiting for the second pair of eyes, the change to
 *   "gebunden" they would make once issued (not in the ledger: nothing is promised yet);
 * - freeToCommit (frei) = allocated − committed; freeAfterProposals = frei − vorgeschlagen;
 * - approvedNotPaid (angewiesen): payouts approved under four eyes (DISBURSEMENT) and not yet
 *   booked in an executed payment file;
 * - paid (ausgezahlt): payouts booked in a payment file the bank executed (DISBURSEMENT_PAID);
 * - notYetApproved (gebunden, noch nicht angewiesen) = committed − angewiesen − ausgezahlt;
 * - recoveriesDue / recoveriesReceived / recoveriesOpen: Rückforderungen festgesetzt, eingegangen, offen;
 * - receivedFromState / refundedToState: money from and back to the Land (Land money only).
 *
 * Every figure is split by source (Land, Kreis): each ledger entry carries its split.
 */

export interface SourceAmounts {
  total: Money;
  state: Money;
  district: Money;
}

export const amounts = (state: Money, district: Money): SourceAmounts => ({ total: state.plus(district), state, district });

const ZERO_AMOUNTS: SourceAmounts = amounts(Money.ZERO, Money.ZERO);

const plus = (a: SourceAmounts, b: SourceAmounts): SourceAmounts => amounts(a.state.plus(b.state), a.district.plus(b.district));
const minus = (a: SourceAmounts, b: SourceAmounts): SourceAmounts => amounts(a.state.minus(b.state), a.district.minus(b.district));

/** The figures that follow from the ledger alone (the materialised balance row). */
export interface LedgerBalances {
  allocated: SourceAmounts;
  committed: SourceAmounts;
  freeToCommit: SourceAmounts;
  approvedNotPaid: SourceAmounts;
  paid: SourceAmounts;
  notYetApproved: SourceAmounts;
  recoveriesDue: SourceAmounts;
  recoveriesReceived: SourceAmounts;
  recoveriesOpen: SourceAmounts;
  receivedFromState: Money;
  refundedToState: Money;
  entryCount: number;
}

/** The Kreis's cash per source: what came in and what went out (payouts count once executed). */
export interface CashPosition {
  budgetYearId: string;
  state: { receivedFromState: Money; refundedToState: Money; paidOut: Money; recoveriesReceived: Money; balance: Money };
  district: { paidOut: Money; recoveriesReceived: Money; balance: Money };
  approvedNotPaid: Money;
}

/** All figures of a budget year. */
export interface BudgetFigures extends LedgerBalances {
  budgetYearId: string;
  year: number;
  proposed: SourceAmounts;
  freeAfterProposals: SourceAmounts;
  cash: CashPosition;
}

/**
 * A proposal (first Bewilligung or Ablehnung, Änderung, Widerruf) waiting for the second pair of
 * eyes in a budget year, with the change it would make to "gebunden" once issued: a grant its
 * Höchstbetrag, an Änderung or Widerruf the difference to the version in force (signed), an
 * Ablehnung 0.
 */
export interface PendingCommitment {
  decisionId: string;
  applicationId: string;
  reference: string;
  providerId: string;
  providerName: string | null;
  fieldOfActionCode: string | null;
  socialAreaCode: string | null;
  amount: Money;
}

export interface PendingCommitmentWithSplit extends PendingCommitment {
  split: SourceAmounts;
}

/**
 * Where pending proposals come from. Proposals are the decisions lib's records, which sits above
 * funding; it registers itself here when its module starts (`usePendingCommitments`), so every lib
 * from applications upwards reads the one set of figures without funding importing upwards.
 */
export interface PendingCommitmentSource {
  pendingCommitments(em: EntityManager, budgetYearId: string): Promise<PendingCommitment[]>;
}

export interface BreakdownRow {
  /** Code (Handlungsfeld, Sozialraum) or Träger id; null for money booked without one. */
  key: string | null;
  name: string | null;
  committed: SourceAmounts;
  proposed: SourceAmounts;
  approvedNotPaid: SourceAmounts;
  paid: SourceAmounts;
}

export interface Breakdown {
  byFieldOfAction: BreakdownRow[];
  bySocialArea: BreakdownRow[];
  byProvider: BreakdownRow[];
}

/** What the ledger says per Bescheid: angewiesen and ausgezahlt, per source. */
export interface DecisionPayouts {
  approvedNotPaid: SourceAmounts;
  paid: SourceAmounts;
}

/** The pure arithmetic from the balance row: the only place that derives one figure from others. */
export function ledgerBalancesOf(b: BudgetYearBalance): LedgerBalances {
  const allocated = amounts(b.allocatedState, b.allocatedDistrict);
  const committed = amounts(b.committedState, b.committedDistrict);
  const approved = amounts(b.disbursedState, b.disbursedDistrict);
  const paid = amounts(b.paidState, b.paidDistrict);
  const recoveriesDue = amounts(b.recoveriesDueState, b.recoveriesDueDistrict);
  const recoveriesReceived = amounts(b.recoveriesReceivedState, b.recoveriesReceivedDistrict);
  return {
    allocated,
    committed,
    freeToCommit: minus(allocated, committed),
    approvedNotPaid: minus(approved, paid),
    paid,
    notYetApproved: minus(committed, approved),
    recoveriesDue,
    recoveriesReceived,
    recoveriesOpen: minus(recoveriesDue, recoveriesReceived),
    receivedFromState: b.receivedFromState,
    refundedToState: b.refundedToState,
    entryCount: Number(b.entryCount),
  };
}

function cashOf(budgetYearId: string, l: LedgerBalances): CashPosition {
  return {
    budgetYearId,
    state: {
      receivedFromState: l.receivedFromState,
      refundedToState: l.refundedToState,
      paidOut: l.paid.state,
      recoveriesReceived: l.recoveriesReceived.state,
      balance: l.receivedFromState.minus(l.refundedToState).minus(l.paid.state).plus(l.recoveriesReceived.state),
    },
    district: {
      paidOut: l.paid.district,
      recoveriesReceived: l.recoveriesReceived.district,
      balance: l.recoveriesReceived.district.minus(l.paid.district),
    },
    approvedNotPaid: l.approvedNotPaid.total,
  };
}

@Injectable()
export class BudgetFiguresService {
  private pending: PendingCommitmentSource | null = null;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly years: BudgetYearRepository,
    private readonly ledger: LedgerRepository,
  ) {}

  /** The decisions lib registers its proposals when its module starts (see PendingCommitmentSource). */
  usePendingCommitments(source: PendingCommitmentSource): void {
    this.pending = source;
  }

  /**
   * Every figure of the year: the ledger's, the pending proposals and the cash position. Staff and
   * auditors only (the year's repository); another lib that reached the year through its own record
   * passes `systemScope()`.
   */
  async figures(scope: Scope, budgetYearId: string, em: EntityManager = this.tx.manager): Promise<BudgetFigures> {
    const year = await this.years.get(scope, budgetYearId, { em });
    const ledger = await this.ledgerFigures(em, budgetYearId);
    const proposals = await this.proposals(em, year);
    const proposed = proposals.reduce((s, p) => plus(s, p.split), ZERO_AMOUNTS);
    return {
      budgetYearId,
      year: year.year,
      ...ledger,
      proposed,
      freeAfterProposals: minus(ledger.freeToCommit, proposed),
      cash: cashOf(budgetYearId, ledger),
    };
  }

  /** The ledger's figures only (no proposals): what a posting or the year's own record needs. */
  async ledgerBalances(scope: Scope, budgetYearId: string, em: EntityManager = this.tx.manager): Promise<LedgerBalances> {
    await this.years.get(scope, budgetYearId, { em });
    return this.ledgerFigures(em, budgetYearId);
  }

  /**
   * Free Land and Kreis money of a budget year (frei = bereitgestellt − gebunden), e.g. for the
   * budget effect of a proposal: after it, the free money is this minus its split.
   */
  async freeMoney(scope: Scope, budgetYearId: string, em: EntityManager = this.tx.manager): Promise<SourceAmounts> {
    return (await this.ledgerBalances(scope, budgetYearId, em)).freeToCommit;
  }

  /** The cash position per source (Kassenlage). */
  async cashPosition(scope: Scope, budgetYearId: string): Promise<CashPosition> {
    return cashOf(budgetYearId, await this.ledgerBalances(scope, budgetYearId));
  }

  /** The pending proposals of the year, each with its Land/Kreis split (as the ledger will split it on approval). */
  async pendingCommitments(scope: Scope, budgetYearId: string, em: EntityManager = this.tx.manager): Promise<PendingCommitmentWithSplit[]> {
    const year = await this.years.get(scope, budgetYearId, { em });
    return this.proposals(em, year);
  }

  /**
   * The monitoring view: gebunden, vorgeschlagen, angewiesen and ausgezahlt by Handlungsfeld,
   * Sozialraum and Träger. Every Handlungsfeld and Sozialraum is a row, 0 where no money went;
   * money booked without one is a row with key null, so each column adds up to the year's figure.
   */
  async breakdown(scope: Scope, budgetYearId: string): Promise<Breakdown> {
    const em = this.tx.manager;
    const year = await this.years.get(scope, budgetYearId, { em });
    const proposals = await this.proposals(em, year);
    const group = async (grouping: LedgerGrouping, keyOf: (p: PendingCommitment) => string | null, nameOf: (p: PendingCommitment) => string | null): Promise<BreakdownRow[]> => {
      const proposedBy = new Map<string | null, SourceAmounts>();
      for (const p of proposals) proposedBy.set(keyOf(p), plus(proposedBy.get(keyOf(p)) ?? ZERO_AMOUNTS, p.split));
      const rows = (await this.ledger.groupSums(em, budgetYearId, grouping)).map((r) => {
        const approved = amounts(Money.of(r.ds), Money.of(r.dd));
        const paid = amounts(Money.of(r.ps), Money.of(r.pd));
        return {
          listed: r.listed,
          row: {
            key: r.key,
            name: r.name,
            committed: amounts(Money.of(r.cs), Money.of(r.cd)),
            proposed: proposedBy.get(r.key) ?? ZERO_AMOUNTS,
            approvedNotPaid: minus(approved, paid),
            paid,
          },
        };
      });
      // A proposal for a group without any booking yet (a new Träger, a code without entries).
      for (const p of proposals) {
        const key = keyOf(p);
        if (!rows.some((r) => r.row.key === key)) {
          rows.push({ listed: false, row: { key, name: nameOf(p), committed: ZERO_AMOUNTS, proposed: proposedBy.get(key)!, approvedNotPaid: ZERO_AMOUNTS, paid: ZERO_AMOUNTS } });
        }
      }
      const moves = (r: BreakdownRow) => [r.committed, r.proposed, r.approvedNotPaid, r.paid].some((a) => !a.state.isZero() || !a.district.isZero());
      const shown = rows.filter((r) => (grouping === 'provider' && r.row.key !== null) || r.listed || moves(r.row)).map((r) => r.row);
      // Money without a group goes last, under its own row.
      return [...shown.filter((r) => r.key !== null), ...shown.filter((r) => r.key === null)];
    };
    return {
      byFieldOfAction: await group('fieldOfAction', (p) => p.fieldOfActionCode, () => null),
      bySocialArea: await group('socialArea', (p) => p.socialAreaCode, () => null),
      byProvider: await group('provider', (p) => p.providerId, (p) => p.providerName),
    };
  }

  /** Angewiesen and ausgezahlt per Bescheid (ledger entries that refer to the decision), for lists per project. */
  async payoutsByDecision(scope: Scope, budgetYearId: string): Promise<Map<string, DecisionPayouts>> {
    const em = this.tx.manager;
    await this.years.get(scope, budgetYearId, { em });
    const rows = await this.ledger.sumsByReference(em, budgetYearId, 'Decision', [LedgerKind.DISBURSEMENT, LedgerKind.DISBURSEMENT_PAID]);
    const by = new Map<string, { approved: SourceAmounts; paid: SourceAmounts }>();
    for (const r of rows) {
      const cur = by.get(r.referenceId) ?? { approved: ZERO_AMOUNTS, paid: ZERO_AMOUNTS };
      const a = amounts(Money.of(r.state), Money.of(r.district));
      if (r.kind === LedgerKind.DISBURSEMENT) cur.approved = plus(cur.approved, a);
      else cur.paid = plus(cur.paid, a);
      by.set(r.referenceId, cur);
    }
    return new Map([...by].map(([id, v]) => [id, { approvedNotPaid: minus(v.approved, v.paid), paid: v.paid }]));
  }

  /** The number of ledger entries per kind (the BUDGET export names the entries behind each figure). */
  async entryCounts(scope: Scope, budgetYearId: string): Promise<Record<string, number>> {
    await this.years.get(scope, budgetYearId);
    return this.ledger.countsByKind(this.tx.manager, budgetYearId);
  }

  /**
   * The ledger figures recomputed from the entries instead of the materialised balance row, for the
   * invariant tests and the bench (the api serves the row; both must always agree).
   */
  async ledgerBalancesFromEntries(budgetYearId: string, em: EntityManager = this.tx.manager): Promise<LedgerBalances> {
    const r = await this.ledger.sumsFromEntries(em, budgetYearId);
    const m = (k: string) => Money.of(r[k]!);
    const balance = Object.assign(new BudgetYearBalance(), {
      budgetYearId,
      allocatedState: m('as_'),
      allocatedDistrict: m('ad'),
      committedState: m('cs'),
      committedDistrict: m('cd'),
      disbursedState: m('ds'),
      disbursedDistrict: m('dd'),
      paidState: m('ps'),
      paidDistrict: m('pd'),
      recoveriesDueState: m('rds'),
      recoveriesDueDistrict: m('rdd'),
      recoveriesReceivedState: m('rrs'),
      recoveriesReceivedDistrict: m('rrd'),
      receivedFromState: m('sd'),
      refundedToState: m('sr'),
      entryCount: r.n!,
      lastEntryId: null,
    });
    return ledgerBalancesOf(balance);
  }

  private async ledgerFigures(em: EntityManager, budgetYearId: string): Promise<LedgerBalances> {
    const balance = await this.years.balance(em, budgetYearId);
    if (!balance) throw budgetYearNotFound();
    return ledgerBalancesOf(balance);
  }

  private async proposals(em: EntityManager, year: BudgetYear): Promise<PendingCommitmentWithSplit[]> {
    // A missing source would read as "nothing proposed" – the very 0,00 € this service exists to end.
    if (!this.pending) throw new Error('BudgetFiguresService: no source of pending proposals registered (DecisionsModule not loaded)');
    const pending = await this.pending.pendingCommitments(em, year.id);
    return pending.map((p) => {
      const split = splitBySource(p.amount, year.stateRatePercent);
      return { ...p, split: amounts(split.state, split.district) };
    });
  }
}
