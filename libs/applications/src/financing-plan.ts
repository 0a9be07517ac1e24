import { dec, FieldError, Money } from '@foerderfluss/core';

/**
 * Kosten- und Finanzierungsplan as the Träger submits it. Stored as one JSON document per
 * application version (amounts as decimal strings), with the totals in numeric columns for
 * queries. This module is the only place that reads and checks the document.
 */
export type FundingKind = 'OWN_FUNDS' | 'THIRD_PARTY' | 'GRANT';
export const FUNDING_KINDS: readonly FundingKind[] = ['OWN_FUNDS', 'THIRD_PARTY', 'GRANT'];

export interface CostLineDoc {
  category: string;
  description: string;
  amount: string;
}

export interface PersonnelPositionDoc {
  label: string;
  /** Entgeltgruppe, e.g. "TV-L E 9b". */
  payGrade: string;
  monthlyEmployerGross: string;
  /** TV-L comparison amount per month (Besserstellungsverbot). */
  comparisonAmount: string;
  /** VZÄ as a decimal string, e.g. "0.75". */
  fte: string;
  months: string;
}

export interface FundingLineDoc {
  kind: FundingKind;
  /** Named source: "Eigenmittel des Vereins", "Stiftung X", "Zuwendung Landkreis". */
  source: string;
  amount: string;
}

export interface FinancingPlanDoc {
  costLines: CostLineDoc[];
  personnelPositions: PersonnelPositionDoc[];
  fundingLines: FundingLineDoc[];
}

export interface PlanTotals {
  totalCosts: Money;
  ownFunds: Money;
  thirdPartyFunds: Money;
  requestedGrant: Money;
  totalFunding: Money;
  /** Σ Kosten − Σ Finanzierung; must be zero on submission. */
  balance: Money;
  /** Σ monthlyEmployerGross × fte × months over the positions, each rounded to the cent. */
  personnelPositionsCost: Money;
  personnelCostLines: Money;
}

export const EMPTY_PLAN: FinancingPlanDoc = { costLines: [], personnelPositions: [], fundingLines: [] };

export function positionCost(p: PersonnelPositionDoc): Money {
  return Money.of(p.monthlyEmployerGross).times(dec(p.fte)).times(dec(p.months)).round();
}

export function planTotals(plan: FinancingPlanDoc): PlanTotals {
  const sum = (items: { amount: string }[]) => Money.sum(items.map((i) => Money.of(i.amount)));
  const byKind = (k: FundingKind) => sum(plan.fundingLines.filter((l) => l.kind === k));
  const totalCosts = sum(plan.costLines);
  const ownFunds = byKind('OWN_FUNDS');
  const thirdPartyFunds = byKind('THIRD_PARTY');
  const requestedGrant = byKind('GRANT');
  const totalFunding = ownFunds.plus(thirdPartyFunds).plus(requestedGrant);
  return {
    totalCosts,
    ownFunds,
    thirdPartyFunds,
    requestedGrant,
    totalFunding,
    balance: totalCosts.minus(totalFunding),
    personnelPositionsCost: Money.sum(plan.personnelPositions.map(positionCost)),
    personnelCostLines: sum(plan.costLines.filter((l) => l.category === 'PERSONNEL')),
  };
}

/**
 * What must hold before a plan can be submitted: only the programme's Kostenarten, a requested
 * grant, Σ Kosten = Σ Finanzierung, and personnel lines that match the positions they rest on.
 */
export function checkPlanForSubmission(plan: FinancingPlanDoc, eligibleCategories: readonly string[]): FieldError[] {
  const errors: FieldError[] = [];
  plan.costLines.forEach((l, i) => {
    if (!eligibleCategories.includes(l.category)) {
      errors.push({
        path: `financingPlan.costLines[${i}].category`,
        message: `Die Kostenart ${l.category} ist in diesem Förderprogramm nicht zuwendungsfähig.`,
      });
    }
  });
  if (plan.costLines.length === 0) {
    errors.push({ path: 'financingPlan.costLines', message: 'Bitte mindestens eine Ausgabenposition angeben.' });
  }
  const t = planTotals(plan);
  if (!t.requestedGrant.isPositive()) {
    errors.push({ path: 'financingPlan.fundingLines', message: 'Bitte die beantragte Zuwendung (Art GRANT) angeben.' });
  }
  if (!t.balance.isZero()) {
    errors.push({
      path: 'financingPlan',
      message:
        `Ausgaben (${t.totalCosts.formatEur()}) und Finanzierung (${t.totalFunding.formatEur()}) müssen gleich sein; ` +
        `die Differenz beträgt ${t.balance.abs().formatEur()}.`,
    });
  }
  if (plan.personnelPositions.length > 0 && !t.personnelPositionsCost.equals(t.personnelCostLines)) {
    errors.push({
      path: 'financingPlan.personnelPositions',
      message:
        `Die Personalstellen ergeben ${t.personnelPositionsCost.formatEur()} (Arbeitgeberbrutto × VZÄ × Monate), ` +
        `die Personalausgaben im Plan ${t.personnelCostLines.formatEur()}.`,
    });
  }
  return errors;
}

/** The approved plan frozen into a decision version (jsonb): the plan plus its totals as strings. */
export type ApprovedPlanDoc = FinancingPlanDoc & { totals: { totalCosts: string; ownFunds: string; thirdPartyFunds: string; requestedGrant: string } };

/** The approved plan frozen into a decision: the same document plus its totals as strings. */
export function planSnapshot(plan: FinancingPlanDoc): ApprovedPlanDoc {
  const t = planTotals(plan);
  return {
    ...plan,
    totals: {
      totalCosts: t.totalCosts.toApiString(),
      ownFunds: t.ownFunds.toApiString(),
      thirdPartyFunds: t.thirdPartyFunds.toApiString(),
      requestedGrant: t.requestedGrant.toApiString(),
    },
  };
}
