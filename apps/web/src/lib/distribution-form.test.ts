import { describe, expect, it } from 'vitest';
import { distributionFormFrom, distributionSchema, parseGermanWeight, toDistributionBody, versionChanges, type DistributionVersion } from './distribution-form';

const GREIZ = '6f1c2a7e-1b2c-4d3e-8f90-0123456789ab';
const SOK = '7a2d3b8f-2c3d-4e5f-9a01-123456789abc';
const KREISE = [
  { id: GREIZ, name: 'Landkreis Greiz – Landratsamt' },
  { id: SOK, name: 'Saale-Orla-Kreis – Landratsamt' },
];

const version = (n: number, annualAmount: string, weights: [string, string][], reason = 'Grund'): DistributionVersion => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  version: n,
  annualAmount,
  weights: weights.map(([districtId, weight]) => ({ districtId, weight })),
  reason,
  changedBy: null,
  changedByName: null,
  changedAt: '2026-12-08T09:00:00.000Z',
});

describe('Verteilungsschlüssel form (issue 20)', () => {
  it('reads key figures as Germans type them and sends the API its dotted decimals', () => {
    expect(parseGermanWeight('1.234')).toEqual({ ok: true, value: '1234' });
    expect(parseGermanWeight('1.234,5')).toEqual({ ok: true, value: '1234.5' });
    expect(parseGermanWeight('12,5')).toEqual({ ok: true, value: '12.5' });
    expect(parseGermanWeight('12.5')).toEqual({ ok: true, value: '12.5' });
    expect(parseGermanWeight(' 0 ')).toEqual({ ok: true, value: '0' });
    expect(parseGermanWeight('007')).toEqual({ ok: true, value: '7' });
    expect(parseGermanWeight('0,1234567')).toEqual({ ok: false, message: 'Höchstens sechs Nachkommastellen.' });
  });

  it('refuses a negative, an empty or an unreadable figure, in German', () => {
    expect(parseGermanWeight('-5')).toEqual({ ok: false, message: 'Das Gewicht darf nicht negativ sein.' });
    expect(parseGermanWeight('')).toMatchObject({ ok: false, message: expect.stringContaining('Bitte das Gewicht') });
    expect(parseGermanWeight('viele')).toMatchObject({ ok: false, message: expect.stringContaining('Zahl ab 0') });
    expect(parseGermanWeight('1,2,3')).toMatchObject({ ok: false });
    expect(parseGermanWeight('1234567890123')).toEqual({ ok: false, message: 'Das Gewicht ist zu groß.' });
  });

  it('starts from the version in force, lists every Kreis and maps the form to the typed PUT body', () => {
    const current = version(2, '1677000.00', [[GREIZ, '4500']]);
    const form = distributionFormFrom(current, KREISE);
    expect(form).toEqual({
      annualAmount: '1.677.000,00',
      weights: [
        { districtId: GREIZ, districtName: KREISE[0]!.name, weight: '4.500' },
        { districtId: SOK, districtName: KREISE[1]!.name, weight: '' },
      ],
      reason: '',
    });
    const filled = { ...form, weights: [form.weights[0]!, { ...form.weights[1]!, weight: '3.000,25' }], reason: ' Stichtag 31.12.2025 ' };
    expect(distributionSchema.safeParse(filled).success).toBe(true);
    expect(toDistributionBody(filled, 2027)).toEqual({
      year: 2027,
      annualAmount: '1677000.00',
      weights: [
        { districtId: GREIZ, weight: '4500' },
        { districtId: SOK, weight: '3000.25' },
      ],
      reason: 'Stichtag 31.12.2025',
    });
  });

  it('says at the field what is wrong: annual money, a Kreis figure, the missing reason', () => {
    const form = distributionFormFrom(null, KREISE);
    const r = distributionSchema.safeParse({ ...form, annualAmount: '', weights: [{ ...form.weights[0]!, weight: '-3' }, { ...form.weights[1]!, weight: 'abc' }] });
    expect(r.success).toBe(false);
    const messages = Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));
    expect(messages.annualAmount).toBe('Bitte die Jahresmittel des Landes angeben.');
    expect(messages['weights.0.weight']).toBe('Das Gewicht darf nicht negativ sein.');
    expect(messages['weights.1.weight']).toContain('Zahl ab 0');
    expect(messages.reason).toContain('Bitte begründen Sie die Änderung');
  });

  it('describes what a version changed against the one before it', () => {
    const names = new Map(KREISE.map((k) => [k.id, k.name]));
    const v1 = version(1, '1000000.00', [[GREIZ, '450'], [SOK, '300']]);
    const v2 = version(2, '1200000.00', [[GREIZ, '480.0'], [SOK, '300']]);
    const v3 = version(3, '1200000.00', [[GREIZ, '480']]);
    expect(versionChanges(v1, undefined, names)).toEqual(['erste Fassung']);
    expect(versionChanges(v2, v1, names).map((c) => c.replace(/\s/g, ' '))).toEqual(['Jahresmittel: 1.000.000,00 € → 1.200.000,00 €', 'Landkreis Greiz – Landratsamt: 450 → 480']);
    expect(versionChanges(v3, v2, names)).toEqual(['Saale-Orla-Kreis – Landratsamt: 300 → –']);
    expect(versionChanges(version(4, '1200000.00', [[GREIZ, '480']]), v3, names)).toEqual(['keine Änderung der Zahlen']);
  });
});
