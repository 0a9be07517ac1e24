import { Money, Rate } from '@foerderfluss/core';
import { InputProblems } from './validation';

/**
 * The Kreis towards the Land (DOMAIN §6, ANBest-Gk):
 *   stateFinalGrant = min(H_land, p_land × A_kreis), rounded half-up once;
 *   refundToState   = max(0, stateDisbursed − stateFinalGrant);
 *   districtShare   = A_kreis − stateFinalGrant (the Kreis carries the rest of its recognised costs).
 * Money recovered from Träger flows back pro rata to the source split, by default the Land rate
 * (every forwarded euro was financed p_land by the Land). The Land part is rounded half-up; the
 * rounding residue goes to the Kreis part (district = recovered − state), so the parts always sum
 * to the recovered amount exactly. The Kreis takes the residue because it stays liable to the Land
 * in any case and settles with the Land per its own VN, not per recovered cent.
 */
export interface StateSettlementInput {
  /** p_land (request field `stateRatePercent`). */
  stateRate: Rate;
  stateMaxAmount: Money;
  stateDisbursed: Money;
  districtRecognisedCosts: Money;
  recoveredFromProviders?: Money;
  /** Land share of forwarded money if it differs from the Land rate; default stateRate. */
  recoveryStateShare?: Rate;
}

export interface StateSettlementResult {
  stateFinalGrant: Money;
  refundToState: Money;
  districtShare: Money;
  recoverySplit: { state: Money; district: Money };
}

export function calculateStateSettlement(input: StateSettlementInput): StateSettlementResult {
  const p = new InputProblems();
  p.percentInRange('stateRatePercent', input.stateRate, 'Der Fördersatz des Landes');
  p.percentInRange('recoveryStateSharePercent', input.recoveryStateShare, 'Der Landesanteil');
  p.nonNegative('stateMaxAmount', input.stateMaxAmount, 'Der Höchstbetrag des Landes');
  p.nonNegative('stateDisbursed', input.stateDisbursed, 'Der vom Land ausgezahlte Betrag');
  p.nonNegative('districtRecognisedCosts', input.districtRecognisedCosts, 'Die anerkannten Ausgaben des Landkreises');
  p.nonNegative('recoveredFromProviders', input.recoveredFromProviders, 'Der zurückgeforderte Betrag');
  p.throwIfAny();

  const stateFinalGrant = Money.min(input.stateMaxAmount, input.districtRecognisedCosts.times(input.stateRate)).round();
  const recovered = input.recoveredFromProviders ?? Money.ZERO;
  const state = recovered.times(input.recoveryStateShare ?? input.stateRate).round();
  return {
    stateFinalGrant,
    refundToState: input.stateDisbursed.minus(stateFinalGrant).atLeastZero(),
    districtShare: input.districtRecognisedCosts.minus(stateFinalGrant),
    recoverySplit: { state, district: recovered.minus(state) },
  };
}
