import { Money } from '@foerderfluss/core';

export interface WeightInput {
  districtId: string;
  /** Non-negative decimal text. */
  weight: string;
}

export interface DistributionShare {
  districtId: string;
  weight: string;
  /** The share before rounding (full precision), for the record. */
  exact: Money;
  /** The share in cents: half-up, plus the rounding remainder on the largest share. */
  amount: Money;
  /** Whether this share carries the rounding remainder. */
  carriesRemainder: boolean;
}

/**
 * The Land's annual money distributed by the Verteilungsschlüssel (issue 20 item 1): share_i =
 * annual × w_i / Σ w at full precision, rounded half-up to the cent once at the end. So that the shares
 * add up to the annual money exactly, the difference the rounding leaves (a few cents at most, either
 * sign) goes onto the largest share (the first of equal largest, in the order given). All weights zero:
 * every share is 0,00 € (nothing to distribute by).
 */
export function distribute(annual: Money, weights: readonly WeightInput[]): DistributionShare[] {
  const total = Money.sum(weights.map((w) => Money.of(w.weight)));
  if (weights.length === 0) return [];
  if (!total.isPositive()) {
    return weights.map((w) => ({ districtId: w.districtId, weight: w.weight, exact: Money.ZERO, amount: Money.ZERO, carriesRemainder: false }));
  }
  const shares = weights.map((w) => {
    const exact = annual.times(Money.of(w.weight).ratioTo(total));
    return { districtId: w.districtId, weight: w.weight, exact, amount: exact.round(), carriesRemainder: false };
  });
  const remainder = annual.minus(Money.sum(shares.map((s) => s.amount)));
  if (!remainder.isZero()) {
    let largest = 0;
    shares.forEach((s, i) => {
      if (s.exact.greaterThan(shares[largest]!.exact)) largest = i;
    });
    const l = shares[largest]!;
    shares[largest] = { ...l, amount: l.amount.plus(remainder), carriesRemainder: true };
  }
  return shares;
}
