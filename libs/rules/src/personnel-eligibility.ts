import { Dec, Money } from '@foerderfluss/core';
import { InputProblems } from './validation';

/**
 * Besserstellungsverbot (ANBest-P Nr. 1.3, DOMAIN §4): per Stelle
 *   eligible = min(monthly employer gross, TV-L comparison amount) × VZÄ × months,
 *   disallowed = actual cost − eligible, actual cost = monthly employer gross × VZÄ × months.
 *
 * Rounding: each position's actual cost and eligible amount are rounded half-up once; disallowed
 * is their difference, so eligible + disallowed is exactly the position's cost. Totals are the sums
 * of the rounded position figures, so the table a person checks adds up to the cent.
 */
export interface PersonnelPositionInput {
  label: string;
  monthlyEmployerGross: Money;
  comparisonAmount: Money;
  /** VZÄ, e.g. 0.75. */
  fte: Dec;
  months: Dec;
}

export interface PersonnelPositionResult {
  label: string;
  actualCost: Money;
  eligible: Money;
  disallowed: Money;
}

export interface PersonnelEligibilityResult {
  positions: PersonnelPositionResult[];
  totals: { actualCost: Money; eligible: Money; disallowed: Money };
}

export function calculatePersonnelEligibility(input: { positions: PersonnelPositionInput[] }): PersonnelEligibilityResult {
  const p = new InputProblems();
  input.positions.forEach((pos, i) => {
    p.nonNegative(`positions[${i}].monthlyEmployerGross`, pos.monthlyEmployerGross, 'Das Arbeitgeberbrutto');
    p.nonNegative(`positions[${i}].comparisonAmount`, pos.comparisonAmount, 'Der Vergleichsbetrag');
    if (pos.fte.isNegative()) p.add(`positions[${i}].fte`, 'Die VZÄ dürfen nicht negativ sein.');
    if (pos.months.isNegative()) p.add(`positions[${i}].months`, 'Die Zahl der Monate darf nicht negativ sein.');
  });
  p.throwIfAny();

  const positions = input.positions.map((pos) => {
    const factor = pos.fte.times(pos.months);
    const actualCost = pos.monthlyEmployerGross.times(factor).round();
    const eligible = Money.min(pos.monthlyEmployerGross, pos.comparisonAmount).times(factor).round();
    return { label: pos.label, actualCost, eligible, disallowed: actualCost.minus(eligible) };
  });
  return {
    positions,
    totals: {
      actualCost: Money.sum(positions.map((x) => x.actualCost)),
      eligible: Money.sum(positions.map((x) => x.eligible)),
      disallowed: Money.sum(positions.map((x) => x.disallowed)),
    },
  };
}
