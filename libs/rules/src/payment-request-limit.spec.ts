import { CalendarDate, DomainError, Money, percent } from '@foerderfluss/core';
import { PaymentRequestLimitInput, calculatePaymentRequestLimit, sumPaymentsDueWithinHorizon } from './payment-request-limit';
import type { FinancingType } from './parameters';

interface Case {
  type: FinancingType;
  rate?: string;
  plannedTotal?: string;
  grant?: string;
  requested: string;
  due: string;
  max?: string;
  disbursed?: string;
}

const input = (c: Case): PaymentRequestLimitInput => ({
  financingType: c.type,
  fundingRate: c.rate ? percent(c.rate) : undefined,
  plannedTotalCosts: c.plannedTotal ? Money.of(c.plannedTotal) : undefined,
  approvedGrant: c.grant ? Money.of(c.grant) : undefined,
  requestedAmount: Money.of(c.requested),
  paymentsDueWithinHorizon: Money.of(c.due),
  maxAmount: Money.of(c.max ?? '90000'),
  alreadyDisbursed: Money.of(c.disbursed ?? '0'),
});

describe('calculatePaymentRequestLimit', () => {
  // [name, case, allowed, rejected, reason codes]
  it.each<[string, Case, string, string, string[]]>([
    ['SHARE 90 % of due', { type: 'SHARE', rate: '90', requested: '10000', due: '10000' }, '9000.00', '1000.00', ['PRO_RATA_SHARE']],
    // Fehlbedarf: 90.000 / 100.000 = 90 %
    ['DEFICIT grant ÷ plan', { type: 'DEFICIT', plannedTotal: '100000', requested: '10000', due: '10000' }, '9000.00', '1000.00', ['PRO_RATA_SHARE']],
    ['DEFICIT explicit grant', { type: 'DEFICIT', plannedTotal: '100000', grant: '75000', max: '75000', requested: '10000', due: '10000' }, '7500.00', '2500.00', ['PRO_RATA_SHARE']],
    ['DEFICIT grant above plan caps at 100 %', { type: 'DEFICIT', plannedTotal: '50000', requested: '10000', due: '10000' }, '10000.00', '0.00', []],
    ['FULL 100 %', { type: 'FULL', requested: '10000', due: '10000' }, '10000.00', '0.00', []],
    ['FIXED 100 %, more requested than due', { type: 'FIXED', requested: '12000', due: '10000' }, '10000.00', '2000.00', ['EXCEEDS_DUE_PAYMENTS']],
    ['request below every limit', { type: 'SHARE', rate: '90', requested: '5000', due: '10000' }, '5000.00', '0.00', []],
    ['cumulative cap', { type: 'FULL', requested: '10000', due: '10000', disbursed: '85000' }, '5000.00', '5000.00', ['MAX_AMOUNT_EXCEEDED']],
    ['cap and share both bite', { type: 'SHARE', rate: '90', requested: '10000', due: '10000', disbursed: '85000' }, '5000.00', '5000.00', ['PRO_RATA_SHARE', 'MAX_AMOUNT_EXCEEDED']],
    ['H already reached', { type: 'FULL', requested: '1', due: '10000', disbursed: '90000' }, '0.00', '1.00', ['MAX_AMOUNT_EXCEEDED']],
    ['more disbursed than H', { type: 'FULL', requested: '1', due: '10000', disbursed: '95000' }, '0.00', '1.00', ['MAX_AMOUNT_EXCEEDED']],
    ['nothing due', { type: 'SHARE', rate: '90', requested: '100', due: '0' }, '0.00', '100.00', ['PRO_RATA_SHARE']],
    ['zero request', { type: 'SHARE', rate: '90', requested: '0', due: '0' }, '0.00', '0.00', []],
    // 12,5 % × 0,20 = 0,025 → 0,03
    ['rounds half-up once', { type: 'SHARE', rate: '12.5', requested: '1', due: '0.20' }, '0.03', '0.97', ['PRO_RATA_SHARE']],
    // 33,333333 % × 100 = 33,333333 → 33,33
    ['odd rate', { type: 'SHARE', rate: '33.333333', requested: '100', due: '100' }, '33.33', '66.67', ['PRO_RATA_SHARE']],
    ['huge', { type: 'FULL', requested: '9999999999999.99', due: '9999999999999.99', max: '9999999999999.99', disbursed: '0.01' }, '9999999999999.98', '0.01', ['MAX_AMOUNT_EXCEEDED']],
  ])('%s', (_name, c, allowed, rejected, codes) => {
    const r = calculatePaymentRequestLimit(input(c));
    expect(r.allowedAmount.toApiString()).toBe(allowed);
    expect(r.rejectedAmount.toApiString()).toBe(rejected);
    expect(r.reasons.map((x) => x.code)).toEqual(codes);
  });

  it('gives German reasons', () => {
    const r = calculatePaymentRequestLimit(input({ type: 'SHARE', rate: '90', requested: '10000', due: '10000', disbursed: '85000' }));
    expect(r.reasons.map((x) => x.message)).toEqual([
      'Abrufbar ist nur der Anteil der Zuwendung von 90 % an den innerhalb des Abrufzeitraums fälligen Zahlungen von 10.000,00 €, also 9.000,00 €.',
      'Die Auszahlungen dürfen insgesamt den Höchstbetrag von 90.000,00 € nicht übersteigen; bereits ausgezahlt sind 85.000,00 €, abrufbar sind höchstens noch 5.000,00 €.',
    ]);
  });

  it.each<[string, Case, string]>([
    ['SHARE without rate', { type: 'SHARE', requested: '1', due: '1' }, 'fundingRatePercent'],
    ['rate above 100', { type: 'SHARE', rate: '101', requested: '1', due: '1' }, 'fundingRatePercent'],
    ['DEFICIT without plan total', { type: 'DEFICIT', requested: '1', due: '1' }, 'plannedTotalCosts'],
    ['DEFICIT with plan total 0', { type: 'DEFICIT', plannedTotal: '0', requested: '1', due: '1' }, 'plannedTotalCosts'],
    ['negative request', { type: 'FULL', requested: '-1', due: '1' }, 'requestedAmount'],
  ])('%s → 400', (_name, c, path) => {
    expect.assertions(2);
    try {
      calculatePaymentRequestLimit(input(c));
    } catch (e) {
      expect((e as DomainError).code).toBe('VALIDATION_FAILED');
      expect((e as DomainError).errors.map((x) => x.path)).toEqual([path]);
    }
  });
});

describe('sumPaymentsDueWithinHorizon', () => {
  const due = (date: string, amount: string) => ({ dueDate: CalendarDate.parse(date), amount: Money.of(amount) });
  const payments = [due('2026-01-10', '100'), due('2026-03-15', '200'), due('2026-03-16', '400'), due('2026-05-01', '800')];

  it.each([
    ['2026-01-15', 2, '300.00'], // up to and including 15.03.
    ['2026-01-15', 0, '100.00'], // only what is already due
    ['2026-01-15', 4, '1500.00'],
    ['2025-12-31', 2, '100.00'], // 31.12. + 2 months = 28.02.
  ])('payout %s, horizon %i months → %s', (payout, horizon, sum) => {
    expect(sumPaymentsDueWithinHorizon(payments, CalendarDate.parse(payout), horizon).toApiString()).toBe(sum);
  });
});
