import { Money, Rate } from '@foerderfluss/core';

export interface SourceSplit {
  state: Money;
  district: Money;
}

/**
 * Splits an amount into its Land and Kreis shares (DOMAIN §1: every euro forwarded carries a
 * source split). The Land share is amount × stateShare, rounded half-up to the cent; the Kreis
 * share is the rest, so the two always add up to the amount exactly and the rounding residue
 * lands with the Kreis. Negative amounts (reductions) split symmetrically: split(−x) = −split(x).
 */
export function splitBySource(amount: Money, stateShare: Rate): SourceSplit {
  const state = amount.abs().times(stateShare).round();
  const signedState = amount.isNegative() ? state.negated() : state;
  return { state: signedState, district: amount.minus(signedState) };
}
