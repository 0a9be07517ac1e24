import { createHash } from 'node:crypto';
import { Money, Rate } from '@foerderfluss/core';

export type SampleReason = 'RISK_FLAG' | 'RISK_AMOUNT' | 'RANDOM';

export interface SampleCandidate {
  id: string;
  position: number;
  eligibleAmount: Money;
  flagged: boolean;
}

/** A small, well-known PRNG (mulberry32): the same seed always gives the same sample. */
function prng(seed: string): () => number {
  let a = createHash('sha256').update(seed, 'utf8').digest().readUInt32BE(0);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Vertiefte Prüfung (DOMAIN §2 step 7): at least `share` of the receipts (rounded up), half of them
 * risk-based (flagged first, then the largest amounts), the rest drawn at random with a stored seed,
 * so the sample can be reproduced by anyone who has the seed and the Belegliste.
 */
export function drawSample(candidates: readonly SampleCandidate[], share: Rate, seed: string): Map<string, SampleReason> {
  const chosen = new Map<string, SampleReason>();
  if (candidates.length === 0) return chosen;
  const n = Math.min(candidates.length, Math.max(1, Math.ceil(share.fraction.times(candidates.length).toNumber())));
  const riskQuota = Math.ceil(n / 2);
  const byPosition = [...candidates].sort((a, b) => a.position - b.position);
  for (const c of byPosition.filter((c) => c.flagged)) {
    if (chosen.size >= riskQuota) break;
    chosen.set(c.id, 'RISK_FLAG');
  }
  const byAmount = [...byPosition].sort((a, b) => b.eligibleAmount.compareTo(a.eligibleAmount) || a.position - b.position);
  for (const c of byAmount) {
    if (chosen.size >= riskQuota) break;
    if (!chosen.has(c.id)) chosen.set(c.id, 'RISK_AMOUNT');
  }
  const rest = byPosition.filter((c) => !chosen.has(c.id));
  const random = prng(seed);
  for (let i = rest.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rest[i], rest[j]] = [rest[j]!, rest[i]!];
  }
  // Always at least one random Beleg besides the risk-based ones, so no part of the list is safe from the check.
  const target = Math.max(n, chosen.size + 1);
  for (const c of rest) {
    if (chosen.size >= target) break;
    chosen.set(c.id, 'RANDOM');
  }
  return chosen;
}
