import { Money, Rate } from '@foerderfluss/core';
import { drawSample, SampleCandidate } from './sample';

const candidates = (n: number, flagged: number[] = []): SampleCandidate[] =>
  Array.from({ length: n }, (_, i) => ({ id: `r${i + 1}`, position: i + 1, eligibleAmount: Money.of(String((i * 37) % 100 + 1)), flagged: flagged.includes(i + 1) }));

describe('drawSample', () => {
  it('takes at least the share (rounded up), half risk-based', () => {
    const s = drawSample(candidates(45), Rate.fromPercent('10'), 'seed-1');
    expect(s.size).toBe(5); // ceil(4.5)
    expect([...s.values()].filter((r) => r !== 'RANDOM')).toHaveLength(3); // ceil(5 / 2)
  });

  it('puts flagged receipts first, then the largest amounts', () => {
    const s = drawSample(candidates(20, [7]), Rate.fromPercent('10'), 'x');
    expect(s.get('r7')).toBe('RISK_FLAG');
    expect([...s.entries()].filter(([, r]) => r === 'RISK_AMOUNT')).toHaveLength(0); // quota 1 already used by the flag
  });

  it('is reproducible with the same seed and differs with another', () => {
    const a = drawSample(candidates(200), Rate.fromPercent('10'), 'FF-2026-0001/VN');
    const b = drawSample(candidates(200), Rate.fromPercent('10'), 'FF-2026-0001/VN');
    const c = drawSample(candidates(200), Rate.fromPercent('10'), 'anderer-seed');
    expect([...a.entries()]).toEqual([...b.entries()]);
    expect([...a.keys()].sort()).not.toEqual([...c.keys()].sort());
  });

  it('handles none and one receipt', () => {
    expect(drawSample([], Rate.fromPercent('10'), 's').size).toBe(0);
    expect([...drawSample(candidates(1), Rate.fromPercent('10'), 's').keys()]).toEqual(['r1']);
  });
});
