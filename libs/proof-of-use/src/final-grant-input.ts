import { dec, Money, Rate } from '@foerderfluss/core';
import type { DecisionVersion } from '@foerderfluss/decisions';
import { calculateFinalGrant } from '@foerderfluss/rules';
import type { ProofOfUse } from './proof-of-use.entity';
import type { ProofReview } from './proof-review.entity';
import type { Receipt } from './receipt.entity';
import type { ComputedFinalGrant, FinalGrantDoc } from './final-grant-doc';

export type { ComputedFinalGrant, FinalGrantDoc } from './final-grant-doc';

export interface FinalGrantBasis {
  version: DecisionVersion;
  proof: ProofOfUse;
  receipts: Receipt[];
  review: Pick<ProofReview, 'lineConsents'> | null;
  paid: Money;
  overrunTolerance: Rate;
  deMinimisAmount: Money;
}


const sumBy = <T>(items: T[], key: (t: T) => string, value: (t: T) => Money): Map<string, Money> => {
  const m = new Map<string, Money>();
  for (const i of items) m.set(key(i), (m.get(key(i)) ?? Money.ZERO).plus(value(i)));
  return m;
};

/**
 * From a checked proof to the inputs of the final-grant rule (DOMAIN §3, §4):
 * - plan: the approved plan of the version in force, by Kostenart;
 * - actual: the zahlenmäßiger Nachweis, less what the receipt check reduced or refused, less the
 *   salary above the TV-L comparison amount per position (Besserstellungsverbot);
 * - Zustimmungen raising single lines come from the review.
 * Receipts outside the sample stand as claimed.
 */
export function computeFinalGrant(b: FinalGrantBasis): ComputedFinalGrant {
  const plan = b.version.approvedPlan;
  const planByCategory = sumBy(plan.costLines, (l) => l.category, (l) => Money.of(l.amount));
  const planFunding = (kind: string) => Money.sum(plan.fundingLines.filter((f) => f.kind === kind).map((f) => Money.of(f.amount)));
  const reported = sumBy(b.proof.figures.costLines, (l) => l.category, (l) => Money.of(l.actual));
  const expenses = b.receipts.filter((r) => r.direction === 'EXPENSE');
  const reductions = sumBy(
    expenses.filter((r) => r.reviewStatus === 'REDUCED' || r.reviewStatus === 'REFUSED'),
    (r) => r.costCategory,
    (r) => r.eligibleAmount.minus(r.recognisedAmount ?? Money.ZERO),
  );
  let personnelExcess = Money.ZERO;
  for (const p of plan.personnelPositions) {
    const paid = Money.sum(expenses.filter((r) => r.personnelPosition === p.label).map((r) => r.recognisedAmount ?? r.eligibleAmount));
    const cap = Money.min(Money.of(p.monthlyEmployerGross), Money.of(p.comparisonAmount)).times(dec(p.fte)).times(dec(p.months)).round();
    if (paid.greaterThan(cap)) personnelExcess = personnelExcess.plus(paid.minus(cap));
  }
  const categories = [...new Set([...planByCategory.keys(), ...reported.keys()])];
  const adjustments = categories.map((category) => {
    const rep = reported.get(category) ?? Money.ZERO;
    const red = reductions.get(category) ?? Money.ZERO;
    const exc = category === 'PERSONNEL' ? personnelExcess : Money.ZERO;
    return { category, reported: rep, receiptReductions: red, personnelExcess: exc, actual: rep.minus(red).minus(exc).atLeastZero() };
  });
  const result = calculateFinalGrant({
    financingType: b.version.financingType ?? 'FULL',
    fundingRate: b.version.fundingRatePercent ?? undefined,
    maxAmount: b.version.maxAmount,
    paidAmount: b.paid,
    plan: {
      costLines: [...planByCategory.entries()].map(([category, amount]) => ({ category, amount })),
      ownFunds: planFunding('OWN_FUNDS'),
      thirdPartyFunds: planFunding('THIRD_PARTY'),
    },
    actual: {
      costLines: adjustments.map((a) => ({ category: a.category, amount: a.actual })),
      ownFunds: Money.of(b.proof.figures.ownFunds),
      thirdPartyFunds: Money.of(b.proof.figures.thirdPartyFunds),
    },
    approvedLineCaps: (b.review?.lineConsents ?? []).map((c) => ({ category: c.category, amount: Money.of(c.amount) })),
    parameters: { overrunTolerance: b.overrunTolerance, deMinimisAmount: b.deMinimisAmount },
  });
  return { result, paid: b.paid, adjustments };
}

/** The frozen calculation stored with the Prüfvermerk and the Festsetzung (jsonb, money as strings). */

/** A JSON snapshot for the Prüfvermerk and the Festsetzung (money as strings). */
export function finalGrantDoc(c: ComputedFinalGrant): FinalGrantDoc {
  return JSON.parse(
    JSON.stringify({
      ...c.result,
      adjustments: c.adjustments,
    }),
  ) as FinalGrantDoc;
}
