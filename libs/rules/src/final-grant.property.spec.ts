import { Money, dec, percent } from '@foerderfluss/core';
import fc from 'fast-check';
import { FinalGrantInput, calculateFinalGrant } from './final-grant';
import { FINANCING_TYPES } from './parameters';

// Amounts as whole cents (bigint) up to the numeric(15,2) maximum, converted through strings only.
const money = (maxCents = 999_999_999_999_999n): fc.Arbitrary<Money> =>
  fc.bigInt({ min: 0n, max: maxCents }).map((cents) => Money.of(`${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`));
// Mostly realistic sizes, sometimes huge.
const amount = fc.oneof({ weight: 4, arbitrary: money(1_000_000_00n) }, { weight: 1, arbitrary: money() });
const rate = fc.integer({ min: 0, max: 1_000_000 }).map((x) => percent(dec(x).dividedBy(10_000))); // 0–100 %, 4 decimals
const CATEGORIES = ['PERSONNEL', 'MATERIAL_ADMIN', 'FEES', 'INTERPRETING'];
const costLines = fc
  .subarray(CATEGORIES, { minLength: 1 })
  .chain((cats) => fc.tuple(...cats.map((category) => amount.map((a) => ({ category, amount: a })))));

const finalGrantInput: fc.Arbitrary<FinalGrantInput> = fc.record({
  financingType: fc.constantFrom(...FINANCING_TYPES),
  fundingRate: rate,
  maxAmount: amount,
  paidAmount: amount,
  plan: fc.record({ costLines, ownFunds: amount, thirdPartyFunds: amount }),
  actual: fc.record({ costLines, ownFunds: amount, thirdPartyFunds: amount }),
  approvedLineCaps: fc.option(costLines, { nil: undefined }),
  fixed: fc.option(
    fc.record({
      amountPerUnit: amount,
      plannedUnits: fc.integer({ min: 0, max: 10_000 }).map((u) => dec(u)),
      actualUnits: fc.integer({ min: 0, max: 10_000 }).map((u) => dec(u)),
    }),
    { nil: undefined },
  ),
  parameters: fc.record({ overrunTolerance: fc.integer({ min: 0, max: 100 }).map((x) => percent(x)), deMinimisAmount: money(10_000_00n) }),
});

describe('calculateFinalGrant invariants (property-based)', () => {
  it('0 ≤ Z ≤ H, Z ≤ A, A ≤ Σ plan, R = max(0, paid − Z), all in whole cents', () => {
    fc.assert(
      fc.property(finalGrantInput, (input) => {
        const r = calculateFinalGrant(input);
        expect(r.finalGrant.isNegative()).toBe(false);
        expect(r.finalGrant.lessThanOrEqual(input.maxAmount)).toBe(true);
        expect(r.finalGrant.lessThanOrEqual(r.recognisedCosts)).toBe(true);
        expect(r.recognisedCosts.lessThanOrEqual(Money.sum(input.plan.costLines.map((l) => l.amount)))).toBe(true);
        expect(r.recovery.equals(Money.max(Money.ZERO, input.paidAmount.minus(r.finalGrant)))).toBe(true);
        expect(r.finalGrant.isWholeCents() && r.recovery.isWholeCents() && r.recognisedCosts.isWholeCents()).toBe(true);
        for (const line of r.lines) expect(line.recognised.lessThanOrEqual(line.actual)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('a Zustimmung never lowers the grant', () => {
    fc.assert(
      fc.property(finalGrantInput, (input) => {
        const without = calculateFinalGrant({ ...input, approvedLineCaps: undefined });
        const withCaps = calculateFinalGrant(input);
        expect(withCaps.recognisedCosts.greaterThanOrEqual(without.recognisedCosts)).toBe(true);
        expect(withCaps.finalGrant.greaterThanOrEqual(without.finalGrant)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
