import { Dec, decimalText, Money, Rate } from '@foerderfluss/core';
import type { RuleFlag } from './flags';
import { FINANCING_TYPES, FinancingType } from './parameters';
import { InputProblems } from './validation';

/**
 * Final grant Z after the proof of use (DOMAIN §3, §4).
 *
 * Steps, all at full precision; Z and A are rounded half-up to the cent once, at the end:
 *
 * 1. Per cost line (Einzelansatz, ANBest-P Nr. 1.2):
 *    cap_i = max(plan_i × (1 + tolerance), Zustimmung_i), recognised_i = min(actual_i, cap_i).
 *    A Zustimmung only ever raises a line's cap. A category with actual costs but no plan line has
 *    plan 0, so without a Zustimmung nothing of it is recognised.
 * 2. A = min(Σ recognised_i, Σ plan_i): the plan binds in its total, a Zustimmung to one line does
 *    not raise the total.
 * 3. Z from actuals: SHARE p × (A − ΔD), DEFICIT A − E − D, FULL A − D, where E = planned
 *    Eigenmittel (always owed in full), D = actual Drittmittel, ΔD = max(0, actual Deckungsmittel −
 *    planned Deckungsmittel) with Deckungsmittel = Eigen- + Drittmittel.
 *    FIXED: amount per unit × min(actual units, planned units); without `fixed` the Festbetrag is
 *    the Höchstbetrag. More units than planned never raise the Festbetrag above what was granted.
 *
 * Bagatellgrenze, as interpreted here (DOMAIN §3):
 *  - Two changes are measured against the plan, each as an absolute amount:
 *      cost change     = Σ plan_i − A (A after steps 1–2, so never negative),
 *      coverage change = |actual (Eigen + Dritt) − planned (Eigen + Dritt)|, up or down.
 *  - "changed by more than T" is strict: a change of exactly T is still within the Bagatellgrenze.
 *  - If both changes are ≤ T, Z is not reduced below the grant computed from the plan (same
 *    formula with plan figures: A = Σ plan, D = planned Drittmittel, ΔD = 0). It is a protection
 *    against reduction only: when the actuals give a higher grant, that one stands (and the
 *    Höchstbetrag caps it anyway). If either change exceeds T, Z follows the actuals in full, not
 *    just the part above T (a threshold, not an allowance).
 *  - Not for FIXED.
 *
 * 4. Always afterwards: Z ≤ H, Z ≤ A (the Bagatelle must never fund more than the recognised
 *    costs, e.g. Vollfinanzierung with A 300 below plan), Z ≥ 0. R = max(0, paid − Z), from the
 *    rounded Z so that R is whole cents.
 */

export interface AmountByCategory {
  category: string;
  amount: Money;
}

/** One side of the Kosten- und Finanzierungsplan, as planned or as actually spent. */
export interface FinancingFigures {
  costLines: AmountByCategory[];
  ownFunds: Money;
  thirdPartyFunds: Money;
}

export interface FixedAmountInput {
  amountPerUnit: Money;
  plannedUnits: Dec;
  actualUnits: Dec;
}

export interface FinalGrantParameters {
  /** Einzelansatz overrun tolerance (request field `overrunTolerancePercent`). */
  overrunTolerance: Rate;
  /** Bagatellgrenze. */
  deMinimisAmount: Money;
}

export interface FinalGrantInput {
  financingType: FinancingType;
  /** Fördersatz; required for SHARE (request field `fundingRatePercent`). */
  fundingRate?: Rate;
  maxAmount: Money;
  paidAmount: Money;
  plan: FinancingFigures;
  actual: FinancingFigures;
  /** Zustimmungen raising a single line's cap to the given amount. */
  approvedLineCaps?: AmountByCategory[];
  fixed?: FixedAmountInput;
  parameters: FinalGrantParameters;
}

export interface FinalGrantLine {
  category: string;
  planned: Money;
  actual: Money;
  /** plan × (1 + tolerance), or the Zustimmung if higher; exact. */
  cap: Money;
  approvedCap: Money | null;
  /** min(actual, cap), rounded to the cent for display (A is summed before rounding). */
  recognised: Money;
  flags: RuleFlag[];
}

export interface FinalGrantResult {
  lines: FinalGrantLine[];
  plannedCosts: Money;
  /** A, rounded. */
  recognisedCosts: Money;
  finalGrant: Money;
  recovery: Money;
  flags: RuleFlag[];
  breakdown: {
    /** Σ recognised per line before the plan-total cap, exact. */
    lineRecognisedTotal: Money;
    /** Σ plan − A, exact. */
    costChange: Money;
    /** |actual − planned| Deckungsmittel. */
    coverageChange: Money;
    /** ΔD = max(0, actual − planned Deckungsmittel). */
    coverageIncrease: Money;
    /** Z from the actuals before the caps, exact (may be negative). */
    grantFromActuals: Money;
    /** Z from the plan, exact; null for FIXED. */
    grantFromPlan: Money | null;
    deMinimisApplied: boolean;
  };
  parametersUsed: FinalGrantParameters;
}

function validate(input: FinalGrantInput): void {
  const p = new InputProblems();
  if (!FINANCING_TYPES.includes(input.financingType)) {
    p.add('financingType', 'Unbekannte Finanzierungsart; zulässig sind SHARE, DEFICIT, FULL und FIXED.');
  }
  if (input.financingType === 'SHARE') {
    if (!input.fundingRate) p.add('fundingRatePercent', 'Bei Anteilfinanzierung ist der Fördersatz anzugeben.');
    else p.percentInRange('fundingRatePercent', input.fundingRate, 'Der Fördersatz');
  }
  p.nonNegative('maxAmount', input.maxAmount, 'Der Höchstbetrag');
  p.nonNegative('paidAmount', input.paidAmount, 'Der ausgezahlte Betrag');
  for (const side of ['plan', 'actual'] as const) {
    const figures = input[side];
    checkLines(p, `${side}.costLines`, figures.costLines);
    p.nonNegative(`${side}.ownFunds`, figures.ownFunds, 'Die Eigenmittel');
    p.nonNegative(`${side}.thirdPartyFunds`, figures.thirdPartyFunds, 'Die Drittmittel');
  }
  checkLines(p, 'approvedLineCaps', input.approvedLineCaps ?? []);
  if (input.fixed) {
    p.nonNegative('fixed.amountPerUnit', input.fixed.amountPerUnit, 'Der Betrag je Einheit');
    if (input.fixed.plannedUnits.isNegative()) p.add('fixed.plannedUnits', 'Die Zahl der Einheiten darf nicht negativ sein.');
    if (input.fixed.actualUnits.isNegative()) p.add('fixed.actualUnits', 'Die Zahl der Einheiten darf nicht negativ sein.');
  }
  if (input.parameters.overrunTolerance.isNegative()) {
    p.add('parameters.overrunTolerancePercent', 'Die Überschreitungstoleranz darf nicht negativ sein.');
  }
  p.nonNegative('parameters.deMinimisAmount', input.parameters.deMinimisAmount, 'Die Bagatellgrenze');
  p.throwIfAny();
}

function checkLines(p: InputProblems, path: string, lines: AmountByCategory[]): void {
  const seen = new Set<string>();
  lines.forEach((line, i) => {
    if (!line.category) p.add(`${path}[${i}].category`, 'Die Kostenart fehlt.');
    else if (seen.has(line.category)) p.add(`${path}[${i}].category`, `Die Kostenart ${line.category} ist doppelt angegeben.`);
    seen.add(line.category);
    p.nonNegative(`${path}[${i}].amount`, line.amount);
  });
}

/** The grant formula of §3 for SHARE, DEFICIT and FULL (unrounded, may be negative). */
function grantFormula(
  type: Exclude<FinancingType, 'FIXED'>,
  rate: Rate,
  costs: Money,
  coverageIncrease: Money,
  ownFunds: Money,
  thirdPartyFunds: Money,
): Money {
  switch (type) {
    case 'SHARE':
      return costs.minus(coverageIncrease).times(rate);
    case 'DEFICIT':
      return costs.minus(ownFunds).minus(thirdPartyFunds);
    case 'FULL':
      return costs.minus(thirdPartyFunds);
  }
}

export function calculateFinalGrant(input: FinalGrantInput): FinalGrantResult {
  validate(input);
  const { financingType: type, plan, actual, parameters } = input;
  const tolerance = parameters.overrunTolerance;

  const planned = new Map(plan.costLines.map((l) => [l.category, l.amount]));
  const spent = new Map(actual.costLines.map((l) => [l.category, l.amount]));
  const approved = new Map((input.approvedLineCaps ?? []).map((l) => [l.category, l.amount]));
  const categories = [...new Set([...planned.keys(), ...spent.keys()])];

  const exactRecognised: Money[] = [];
  const lines: FinalGrantLine[] = categories.map((category) => {
    const plannedAmount = planned.get(category) ?? Money.ZERO;
    const actualAmount = spent.get(category) ?? Money.ZERO;
    const toleranceCap = plannedAmount.times(tolerance.onePlus());
    const approvedCap = approved.get(category) ?? null;
    const cap = approvedCap ? Money.max(toleranceCap, approvedCap) : toleranceCap;
    const recognised = Money.min(actualAmount, cap);
    exactRecognised.push(recognised);

    const flags: RuleFlag[] = [];
    if (!planned.has(category) && actualAmount.isPositive()) {
      flags.push({
        code: 'NOT_IN_PLAN',
        message: `Kostenart ${category}: Für Ausgaben von ${actualAmount.formatEur()} gibt es keinen Ansatz im Finanzierungsplan.`,
      });
    }
    if (actualAmount.greaterThan(toleranceCap)) {
      flags.push({
        code: 'OVERRUN_ABOVE_TOLERANCE',
        message:
          `Kostenart ${category}: Die Ist-Ausgaben von ${actualAmount.formatEur()} überschreiten den Planansatz von ` +
          `${plannedAmount.formatEur()} um mehr als ${tolerance.toGermanString()}.`,
      });
      if (approvedCap && approvedCap.greaterThan(toleranceCap)) {
        flags.push({
          code: 'OVERRUN_APPROVED',
          message: `Kostenart ${category}: Eine Zustimmung erlaubt Ausgaben bis ${approvedCap.formatEur()}.`,
        });
      }
      if (actualAmount.greaterThan(cap)) {
        flags.push({
          code: 'LINE_CAPPED',
          message: `Kostenart ${category}: Anerkannt werden höchstens ${cap.round().formatEur()}.`,
        });
      }
    }
    return { category, planned: plannedAmount, actual: actualAmount, cap, approvedCap, recognised: recognised.round(), flags };
  });

  const flags: RuleFlag[] = [];
  const plannedCosts = Money.sum(plan.costLines.map((l) => l.amount));
  const lineRecognisedTotal = Money.sum(exactRecognised);
  const recognisedExact = Money.min(lineRecognisedTotal, plannedCosts);
  if (lineRecognisedTotal.greaterThan(plannedCosts)) {
    flags.push({
      code: 'CAPPED_AT_PLAN_TOTAL',
      message: `Die anerkannten Ausgaben sind auf die Gesamtausgaben des Finanzierungsplans von ${plannedCosts.formatEur()} begrenzt.`,
    });
  }

  const plannedCoverage = plan.ownFunds.plus(plan.thirdPartyFunds);
  const actualCoverage = actual.ownFunds.plus(actual.thirdPartyFunds);
  const coverageIncrease = actualCoverage.minus(plannedCoverage).atLeastZero();
  const coverageChange = actualCoverage.minus(plannedCoverage).abs();
  const costChange = plannedCosts.minus(recognisedExact);
  if (coverageIncrease.isPositive() && type !== 'FIXED') {
    flags.push({
      code: 'COVERAGE_ABOVE_PLAN',
      message: `Die Deckungsmittel (Eigen- und Drittmittel) liegen um ${coverageIncrease.formatEur()} über dem Finanzierungsplan.`,
    });
  }

  let candidate: Money;
  let grantFromPlan: Money | null = null;
  let grantFromActuals: Money;
  let deMinimisApplied = false;

  if (type === 'FIXED') {
    const fixed = input.fixed;
    if (fixed) {
      const units = Dec.min(fixed.actualUnits, fixed.plannedUnits);
      grantFromActuals = fixed.amountPerUnit.times(units);
      if (fixed.actualUnits.lessThan(fixed.plannedUnits)) {
        flags.push({
          code: 'FIXED_UNITS_BELOW_PLAN',
          message: `Es wurden ${decimalText(fixed.actualUnits)} statt ${decimalText(fixed.plannedUnits)} Einheiten erbracht; der Festbetrag mindert sich entsprechend.`,
        });
      }
    } else {
      grantFromActuals = input.maxAmount;
    }
    candidate = grantFromActuals;
  } else {
    const rate = input.fundingRate ?? Rate.ONE_HUNDRED_PERCENT; // validated: present for SHARE
    grantFromActuals = grantFormula(type, rate, recognisedExact, coverageIncrease, plan.ownFunds, actual.thirdPartyFunds);
    grantFromPlan = grantFormula(type, rate, plannedCosts, Money.ZERO, plan.ownFunds, plan.thirdPartyFunds);
    candidate = grantFromActuals;
    const threshold = parameters.deMinimisAmount;
    const withinDeMinimis = costChange.lessThanOrEqual(threshold) && coverageChange.lessThanOrEqual(threshold);
    if (withinDeMinimis && grantFromPlan.greaterThan(grantFromActuals)) {
      candidate = grantFromPlan;
      deMinimisApplied = true;
      flags.push({
        code: 'DE_MINIMIS_APPLIED',
        message:
          `Die Abweichungen vom Finanzierungsplan (Ausgaben ${costChange.round().formatEur()}, Deckungsmittel ` +
          `${coverageChange.round().formatEur()}) liegen nicht über der Bagatellgrenze von ${threshold.formatEur()}; ` +
          'die Zuwendung wird nicht gekürzt.',
      });
    }
  }

  if (candidate.greaterThan(input.maxAmount)) {
    candidate = input.maxAmount;
    flags.push({
      code: 'CAPPED_AT_MAX_AMOUNT',
      message: `Die Zuwendung ist auf den Höchstbetrag von ${input.maxAmount.formatEur()} begrenzt.`,
    });
  }
  if (candidate.greaterThan(recognisedExact)) {
    candidate = recognisedExact;
    flags.push({
      code: 'CAPPED_AT_RECOGNISED_COSTS',
      message: `Die Zuwendung darf die anerkannten Ausgaben von ${recognisedExact.round().formatEur()} nicht übersteigen.`,
    });
  }
  if (candidate.isNegative()) {
    candidate = Money.ZERO;
    flags.push({
      code: 'NEGATIVE_GRANT_FLOORED',
      message: 'Der rechnerische Zuwendungsbetrag ist negativ; die Zuwendung wird auf 0,00 € festgesetzt.',
    });
  }

  const finalGrant = candidate.round();
  const recovery = input.paidAmount.minus(finalGrant).atLeastZero();
  if (recovery.isPositive()) {
    flags.push({
      code: 'RECOVERY_DUE',
      message: `Ausgezahlt wurden ${recovery.formatEur()} mehr als die festgesetzte Zuwendung von ${finalGrant.formatEur()}; dieser Betrag ist zurückzufordern.`,
    });
  }

  return {
    lines,
    plannedCosts,
    recognisedCosts: recognisedExact.round(),
    finalGrant,
    recovery,
    flags,
    breakdown: {
      lineRecognisedTotal,
      costChange,
      coverageChange,
      coverageIncrease,
      grantFromActuals,
      grantFromPlan,
      deMinimisApplied,
    },
    parametersUsed: { overrunTolerance: tolerance, deMinimisAmount: parameters.deMinimisAmount },
  };
}
