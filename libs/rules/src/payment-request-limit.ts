import { CalendarDate, Money, Rate } from '@foerderfluss/core';
import type { RuleFlag } from './flags';
import { FINANCING_TYPES, FinancingType } from './parameters';
import { InputProblems } from './validation';

/**
 * Mittelabruf limit (DOMAIN §2 step 5):
 *   share      = Fördersatz (SHARE), bewilligte Zuwendung ÷ geplante Gesamtausgaben (DEFICIT,
 *                at most 100 %), 100 % (FULL, FIXED);
 *   need       = share × payments due within the horizon;
 *   remaining  = max(0, Höchstbetrag − already disbursed)  (cumulative payouts never exceed H);
 *   allowed    = min(requested, need, remaining), rounded half-up to the cent once (it cannot
 *                round above `requested` or `remaining`, which are whole cents);
 *   rejected   = requested − allowed, with one German reason per limit that bit.
 */
export interface PaymentRequestLimitInput {
  financingType: FinancingType;
  /** SHARE (request field `fundingRatePercent`). */
  fundingRate?: Rate;
  /** DEFICIT: planned total Ausgaben. */
  plannedTotalCosts?: Money;
  /** DEFICIT: bewilligte Zuwendung; defaults to maxAmount. */
  approvedGrant?: Money;
  requestedAmount: Money;
  paymentsDueWithinHorizon: Money;
  maxAmount: Money;
  alreadyDisbursed: Money;
}

export interface PaymentRequestLimitResult {
  allowedAmount: Money;
  rejectedAmount: Money;
  reasons: RuleFlag[];
  share: Rate;
  /** share × payments due, exact. */
  need: Money;
  remainingUntilMaxAmount: Money;
}

function validate(input: PaymentRequestLimitInput): void {
  const p = new InputProblems();
  if (!FINANCING_TYPES.includes(input.financingType)) {
    p.add('financingType', 'Unbekannte Finanzierungsart; zulässig sind SHARE, DEFICIT, FULL und FIXED.');
  }
  if (input.financingType === 'SHARE') {
    if (!input.fundingRate) p.add('fundingRatePercent', 'Bei Anteilfinanzierung ist der Fördersatz anzugeben.');
    else p.percentInRange('fundingRatePercent', input.fundingRate, 'Der Fördersatz');
  }
  if (input.financingType === 'DEFICIT') {
    if (!input.plannedTotalCosts || !input.plannedTotalCosts.isPositive()) {
      p.add('plannedTotalCosts', 'Bei Fehlbedarfsfinanzierung sind die geplanten Gesamtausgaben (größer als 0) anzugeben.');
    }
    p.nonNegative('approvedGrant', input.approvedGrant, 'Die bewilligte Zuwendung');
  }
  p.nonNegative('requestedAmount', input.requestedAmount, 'Der angeforderte Betrag');
  p.nonNegative('paymentsDueWithinHorizon', input.paymentsDueWithinHorizon, 'Der Betrag der fälligen Zahlungen');
  p.nonNegative('maxAmount', input.maxAmount, 'Der Höchstbetrag');
  p.nonNegative('alreadyDisbursed', input.alreadyDisbursed, 'Der bereits ausgezahlte Betrag');
  p.throwIfAny();
}

function shareOf(input: PaymentRequestLimitInput): Rate {
  switch (input.financingType) {
    case 'SHARE':
      return input.fundingRate as Rate;
    case 'DEFICIT': {
      const ratio = Rate.ratio(input.approvedGrant ?? input.maxAmount, input.plannedTotalCosts as Money);
      return ratio.compareTo(Rate.ONE_HUNDRED_PERCENT) > 0 ? Rate.ONE_HUNDRED_PERCENT : ratio;
    }
    case 'FULL':
    case 'FIXED':
      return Rate.ONE_HUNDRED_PERCENT;
  }
}

export function calculatePaymentRequestLimit(input: PaymentRequestLimitInput): PaymentRequestLimitResult {
  validate(input);
  const share = shareOf(input);
  const requested = input.requestedAmount;
  const need = input.paymentsDueWithinHorizon.times(share);
  const remaining = input.maxAmount.minus(input.alreadyDisbursed).atLeastZero();
  const allowedAmount = Money.min(requested, need, remaining).round();

  const reasons: RuleFlag[] = [];
  if (need.lessThan(requested)) {
    reasons.push(
      input.financingType === 'SHARE' || input.financingType === 'DEFICIT'
        ? {
            code: 'PRO_RATA_SHARE',
            message:
              `Abrufbar ist nur der Anteil der Zuwendung von ${share.toGermanString()} an den innerhalb des Abrufzeitraums ` +
              `fälligen Zahlungen von ${input.paymentsDueWithinHorizon.formatEur()}, also ${need.round().formatEur()}.`,
          }
        : {
            code: 'EXCEEDS_DUE_PAYMENTS',
            message: `Abrufbar sind nur Mittel für die innerhalb des Abrufzeitraums fälligen Zahlungen von ${input.paymentsDueWithinHorizon.formatEur()}.`,
          },
    );
  }
  if (remaining.lessThan(requested)) {
    reasons.push({
      code: 'MAX_AMOUNT_EXCEEDED',
      message:
        `Die Auszahlungen dürfen insgesamt den Höchstbetrag von ${input.maxAmount.formatEur()} nicht übersteigen; ` +
        `bereits ausgezahlt sind ${input.alreadyDisbursed.formatEur()}, abrufbar sind höchstens noch ${remaining.formatEur()}.`,
    });
  }
  return {
    allowedAmount,
    rejectedAmount: requested.minus(allowedAmount),
    reasons,
    share,
    need,
    remainingUntilMaxAmount: remaining,
  };
}

export interface DuePayment {
  dueDate: CalendarDate;
  amount: Money;
}

/**
 * Σ of the payments due on or before payoutDate + horizonMonths (month-end clamped). Payments
 * already overdue at the payout count too: they are needed now.
 */
export function sumPaymentsDueWithinHorizon(payments: DuePayment[], payoutDate: CalendarDate, horizonMonths: number): Money {
  const p = new InputProblems();
  p.nonNegativeInteger('horizonMonths', horizonMonths, 'Der Abrufzeitraum in Monaten');
  payments.forEach((x, i) => p.nonNegative(`payments[${i}].amount`, x.amount));
  p.throwIfAny();
  const horizonEnd = payoutDate.addMonths(horizonMonths);
  return Money.sum(payments.filter((x) => x.dueDate.isOnOrBefore(horizonEnd)).map((x) => x.amount));
}
