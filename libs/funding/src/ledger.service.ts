import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock, Money, Scope } from '@foerderfluss/core';
import { pgConstraint, pgErrorCode } from '@foerderfluss/database';
import { AuditService } from '@foerderfluss/audit';
import { splitBySource } from '@foerderfluss/rules';
import { BudgetYear, BudgetYearStatus } from './budget-year.entity';
import { BudgetYearBalance } from './budget-year-balance.entity';
import { LedgerEntry } from './ledger-entry.entity';
import { BudgetYearRepository } from './budget-year.repository';
import { LedgerRepository } from './ledger.repository';
import { BalanceBucket, KIND_RULES, LedgerKind } from './ledger-kind';
import {
  allocationBelowCommitted,
  budgetYearClosed,
  budgetYearNotFound,
  correctedEntryInvalid,
  disbursementExceedsCommitment,
  drawdownExceedsStateMax,
  insufficientBudget,
  invalidLedgerAmount,
  invalidShareSplit,
  payoutExceedsApproved,
  releaseExceedsCommitment,
  wrongProgramme,
} from './funding.errors';

export interface Posting {
  budgetYearId: string;
  kind: LedgerKind;
  /** Signed for ALLOCATION and COMMITMENT_CHANGE; positive otherwise (negative only as a correction). */
  amount: Money;
  /**
   * Explicit Land share. Needed for ALLOCATION (Land money or Kreis money); otherwise the amount is
   * split at the budget year's Land rate, the rounding residue going to the Kreis.
   */
  stateShare?: Money;
  providerId?: string | null;
  fieldOfActionCode?: string | null;
  socialAreaCode?: string | null;
  referenceType?: string | null;
  referenceId?: string | null;
  correctsEntryId?: string | null;
  note?: string | null;
  bookingDate?: string;
  /** The caller's programme: a posting into another programme's year is refused. */
  expectedProgrammeId?: string;
}

type BalanceColumns = Record<`${BalanceBucket}${'State' | 'District'}`, Money>;

const BUCKET_COLUMNS: Record<BalanceBucket, [keyof BudgetYearBalance, keyof BudgetYearBalance] | [keyof BudgetYearBalance]> = {
  allocated: ['allocatedState', 'allocatedDistrict'],
  committed: ['committedState', 'committedDistrict'],
  disbursed: ['disbursedState', 'disbursedDistrict'],
  paid: ['paidState', 'paidDistrict'],
  recoveriesDue: ['recoveriesDueState', 'recoveriesDueDistrict'],
  recoveriesReceived: ['recoveriesReceivedState', 'recoveriesReceivedDistrict'],
  receivedFromState: ['receivedFromState'],
  refundedToState: ['refundedToState'],
};

export const total = (b: BudgetYearBalance, bucket: 'allocated' | 'committed' | 'disbursed' | 'paid'): Money => {
  const [s, d] = BUCKET_COLUMNS[bucket] as [keyof BudgetYearBalance, keyof BudgetYearBalance];
  return (b[s] as Money).plus(b[d] as Money);
};

/**
 * The one way money enters the ledger. Business modules call `post` inside their own
 * transaction; it locks the budget year's balance row, checks the rule for the kind, appends the
 * entry, moves the balance and writes the audit event. Competing commitments queue on the row
 * lock, so no two clerks can promise the same euro; the CHECK constraints on the balance row are
 * the backstop if a future code path forgets.
 */
@Injectable()
export class LedgerService {
  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly years: BudgetYearRepository,
    private readonly entries: LedgerRepository,
  ) {}

  async post(em: EntityManager, scope: Scope, p: Posting): Promise<LedgerEntry> {
    const rule = KIND_RULES[p.kind];
    const year = await this.years.findForPosting(em, p.budgetYearId);
    if (!year) throw budgetYearNotFound();
    if (p.expectedProgrammeId && p.expectedProgrammeId !== year.programmeId) throw wrongProgramme();
    if (!p.amount.isWholeCents()) throw invalidLedgerAmount('Der Betrag darf höchstens zwei Nachkommastellen haben.');
    if (p.amount.isZero()) throw invalidLedgerAmount('Der Betrag darf nicht 0,00 € sein.');
    if (p.amount.isNegative() && !rule.signed && !p.correctsEntryId) {
      throw invalidLedgerAmount('Der Betrag muss größer als 0,00 € sein.');
    }
    if (p.correctsEntryId) {
      const corrected = await this.entries.findInYear(em, p.correctsEntryId, year.id);
      if (!corrected || corrected.kind !== p.kind) throw correctedEntryInvalid();
    }

    const split = this.split(year, p);
    const balance = await this.years.balance(em, year.id, true);
    if (!balance) throw budgetYearNotFound();
    // Read the status after taking the lock: closing the year takes the same lock.
    const status = (await this.years.findForPosting(em, year.id))!.status;
    const increases = p.amount.isPositive() === (rule.direction === 1);
    if (status === BudgetYearStatus.CLOSED && rule.blockedWhenClosed && increases) {
      throw budgetYearClosed(year.year, rule.label);
    }
    this.checkRule(year, balance, p.kind, p.amount);

    const entry = em.create(LedgerEntry, {
      budgetYearId: year.id,
      kind: p.kind,
      amount: p.amount,
      stateShare: split.state,
      districtShare: split.district,
      providerId: p.providerId ?? null,
      fieldOfActionCode: p.fieldOfActionCode ?? null,
      socialAreaCode: p.socialAreaCode ?? null,
      referenceType: p.referenceType ?? null,
      referenceId: p.referenceId ?? null,
      correctsEntryId: p.correctsEntryId ?? null,
      note: p.note ?? null,
      bookingDate: p.bookingDate ?? this.clock.today().toISOString(),
      actorId: scope.userId,
      requestId: scope.requestId,
    });
    await em.save(LedgerEntry, entry);

    const columns = BUCKET_COLUMNS[rule.bucket];
    const sign = rule.direction;
    const moves = columns.length === 2 ? [split.state, split.district] : [split.state];
    columns.forEach((col, i) => {
      const delta = moves[i]!;
      (balance as unknown as BalanceColumns)[col as keyof BalanceColumns] = (balance[col] as Money).plus(
        sign === 1 ? delta : delta.negated(),
      );
    });
    balance.entryCount = (BigInt(balance.entryCount) + 1n).toString();
    balance.lastEntryId = entry.id;
    try {
      await em.save(BudgetYearBalance, balance);
    } catch (err) {
      // The CHECKs are the last line of defence; map them to the same German answers.
      if (pgErrorCode(err) === '23514') throw this.constraintError(year, pgConstraint(err), p);
      throw err;
    }
    await this.audit.record(em, scope, {
      action: `ledger.${p.kind.toLowerCase().replace(/_/g, '-')}`,
      entity: 'LedgerEntry',
      entityId: entry.id,
      after: {
        budgetYearId: year.id,
        kind: p.kind,
        amount: p.amount.toApiString(),
        stateShare: split.state.toApiString(),
        districtShare: split.district.toApiString(),
        providerId: entry.providerId,
        referenceType: entry.referenceType,
        referenceId: entry.referenceId,
        correctsEntryId: entry.correctsEntryId,
        bookingDate: entry.bookingDate,
      },
    });
    return entry;
  }

  private split(year: BudgetYear, p: Posting): { state: Money; district: Money } {
    const rule = KIND_RULES[p.kind];
    if (rule.stateOnly) {
      if (p.stateShare && !p.stateShare.equals(p.amount)) throw invalidShareSplit();
      return { state: p.amount, district: Money.ZERO };
    }
    if (p.stateShare) {
      const district = p.amount.minus(p.stateShare);
      // Both shares carry the amount's sign (or are zero).
      const sameSign = (m: Money) => m.isZero() || m.isNegative() === p.amount.isNegative();
      if (!p.stateShare.isWholeCents() || !sameSign(p.stateShare) || !sameSign(district)) throw invalidShareSplit();
      return { state: p.stateShare, district };
    }
    return splitBySource(p.amount, year.stateRatePercent);
  }

  private checkRule(year: BudgetYear, b: BudgetYearBalance, kind: LedgerKind, amount: Money): void {
    const allocated = total(b, 'allocated');
    const committed = total(b, 'committed');
    switch (kind) {
      case LedgerKind.COMMITMENT:
      case LedgerKind.COMMITMENT_CHANGE: {
        const free = allocated.minus(committed);
        if (amount.isPositive() && amount.greaterThan(free)) throw insufficientBudget(year.year, free.atLeastZero(), amount);
        if (amount.isNegative() && amount.abs().greaterThan(committed)) throw releaseExceedsCommitment(year.year, committed, amount.abs());
        return;
      }
      case LedgerKind.RELEASE:
        if (amount.greaterThan(committed)) throw releaseExceedsCommitment(year.year, committed, amount);
        return;
      case LedgerKind.ALLOCATION:
        if (amount.isNegative() && allocated.plus(amount).lessThan(committed)) throw allocationBelowCommitted(year.year, committed);
        return;
      case LedgerKind.DISBURSEMENT: {
        const outstanding = committed.minus(total(b, 'disbursed'));
        if (amount.greaterThan(outstanding)) throw disbursementExceedsCommitment(year.year, outstanding.atLeastZero(), amount);
        return;
      }
      case LedgerKind.DISBURSEMENT_PAID: {
        // Only what was approved can be executed: "ausgezahlt" never exceeds "angewiesen".
        const approvedNotPaid = total(b, 'disbursed').minus(total(b, 'paid'));
        if (amount.greaterThan(approvedNotPaid)) throw payoutExceedsApproved(year.year, approvedNotPaid.atLeastZero(), amount);
        return;
      }
      case LedgerKind.STATE_DRAWDOWN: {
        const remaining = b.allocatedState.minus(b.receivedFromState).plus(b.refundedToState);
        if (amount.greaterThan(remaining)) throw drawdownExceedsStateMax(year.year, remaining.atLeastZero(), amount);
        return;
      }
      default:
        return;
    }
  }

  private constraintError(year: BudgetYear, constraint: string | undefined, p: Posting) {
    switch (constraint) {
      case 'ck_balance_not_overcommitted':
        return insufficientBudget(year.year, Money.ZERO, p.amount);
      case 'ck_balance_state_drawdown_capped':
        return drawdownExceedsStateMax(year.year, Money.ZERO, p.amount);
      case 'ck_balance_paid_within_approved':
        return payoutExceedsApproved(year.year, Money.ZERO, p.amount);
      default:
        return allocationBelowCommitted(year.year, Money.ZERO);
    }
  }
}
