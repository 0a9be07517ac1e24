/**
 * The Land's Verteilungsschlüssel as a form (issue 20): the annual money of the programme, one key
 * figure per Kreis (e.g. the number of refugees; only the ratio counts) and the reason of the
 * change. Zod rules mirror DistributionBodyDto and DistributionService.record with German messages;
 * the mapper builds the typed PUT body. Amounts per Kreis are the API's (it rounds and places the
 * remainder); the browser computes no money.
 */
import { z } from 'zod';
import type { RequestBody } from '../api/bodies';
import type { Schemas } from '../api/client';
import { formatAmount, formatDecimal, formatMoney } from './format';
import { germanToApi, parseGermanAmount } from './decimal';

export type DistributionBody = RequestBody<'StateDistribution_record'>;
export type Distribution = Schemas['DistributionDto'];
export type DistributionVersion = Schemas['DistributionVersionDto'];

export type WeightParse = { ok: true; value: string } | { ok: false; message: string };

const WEIGHT_HELP = 'Bitte eine Zahl ab 0 angeben, z. B. 1.234 oder 12,5.';

/**
 * A weight (key figure) as typed in German: "1.234" (thousands), "1.234,5", "12,5", "12.5" (a dot not followed
 * by groups of three digits is read as the decimal point, as people paste it) → the API's form
 * ("1234", "1234.5", "12.5"): at most twelve digits before and six after the point, never negative.
 */
export function parseGermanWeight(input: string): WeightParse {
  const s = input.replace(/[\s\u00a0\u202f]/g, '');
  if (s === '') return { ok: false, message: 'Bitte das Gewicht des Kreises angeben (0, wenn er nichts erhält).' };
  if (/^[-−]/.test(s)) return { ok: false, message: 'Das Gewicht darf nicht negativ sein.' };
  let intPart: string;
  let fracPart = '';
  if (s.includes(',')) {
    const [i, f, ...more] = s.split(',');
    if (more.length > 0 || !/^(\d{1,3}(\.\d{3})*|\d+)$/.test(i!) || !/^\d+$/.test(f!)) return { ok: false, message: WEIGHT_HELP };
    intPart = i!.replace(/\./g, '');
    fracPart = f!;
  } else if (/^\d{1,3}(\.\d{3})+$/.test(s)) {
    intPart = s.replace(/\./g, '');
  } else if (/^\d+(\.\d+)?$/.test(s)) {
    [intPart, fracPart = ''] = s.split('.') as [string, string?];
  } else {
    return { ok: false, message: WEIGHT_HELP };
  }
  intPart = intPart.replace(/^0+(?=\d)/, '');
  if (fracPart.length > 6) return { ok: false, message: 'Höchstens sechs Nachkommastellen.' };
  if (intPart.length > 12) return { ok: false, message: 'Das Gewicht ist zu groß.' };
  return { ok: true, value: fracPart ? `${intPart}.${fracPart}` : intPart };
}

/** The API's weight ("1234.5") as the form shows it ("1.234,5"). */
export function weightToGerman(value: string): string {
  return formatDecimal(value);
}

export const distributionSchema = z.object({
  annualAmount: z.string().superRefine((v, ctx) => {
    const r = parseGermanAmount(v);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message === 'Bitte einen Betrag angeben.' ? 'Bitte die Jahresmittel des Landes angeben.' : r.message });
  }),
  weights: z
    .array(
      z.object({
        districtId: z.string(),
        districtName: z.string(),
        weight: z.string().superRefine((v, ctx) => {
          const r = parseGermanWeight(v);
          if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
        }),
      }),
    )
    .min(1, 'Es gibt keinen Kreis, auf den sich die Mittel verteilen ließen.'),
  reason: z.string().trim().min(1, 'Bitte begründen Sie die Änderung, z. B. „Zahl der Geflüchteten zum Stichtag 31.12.2025“.').max(2000, 'Höchstens 2.000 Zeichen.'),
});
export type DistributionForm = z.input<typeof distributionSchema>;

/**
 * The form for a new version: the figures of the version in force, every Kreis of the install in
 * the order given (a Kreis new since that version starts empty), the reason always empty.
 */
export function distributionFormFrom(current: DistributionVersion | null, districts: readonly { id: string; name: string }[]): DistributionForm {
  const weights = new Map((current?.weights ?? []).map((w) => [w.districtId, w.weight]));
  return {
    annualAmount: current ? formatAmount(current.annualAmount) : '',
    weights: districts.map((d) => ({ districtId: d.id, districtName: d.name, weight: weights.has(d.id) ? weightToGerman(weights.get(d.id)!) : '' })),
    reason: '',
  };
}

export function toDistributionBody(v: DistributionForm, year: number): DistributionBody {
  return {
    year,
    annualAmount: germanToApi(v.annualAmount) ?? v.annualAmount,
    weights: v.weights.map((w) => {
      const r = parseGermanWeight(w.weight);
      return { districtId: w.districtId, weight: r.ok ? r.value : w.weight };
    }),
    reason: v.reason.trim(),
  };
}

/** "12.50" and "12.5" are the same key figure; compared as text, no float. */
function sameWeight(a: string | undefined, b: string | undefined): boolean {
  const norm = (x: string | undefined) => (x === undefined ? undefined : x.includes('.') ? x.replace(/0+$/, '').replace(/\.$/, '') : x);
  return norm(a) === norm(b);
}

/**
 * What a version changed against the one before it, in German: the annual money and each Kreis
 * whose key figure differs ("Greiz: 450 → 480"); the first version is "erste Fassung".
 */
export function versionChanges(v: DistributionVersion, previous: DistributionVersion | undefined, names: ReadonlyMap<string, string>): string[] {
  if (!previous) return ['erste Fassung'];
  const out: string[] = [];
  if (v.annualAmount !== previous.annualAmount) out.push(`Jahresmittel: ${formatMoney(previous.annualAmount)} → ${formatMoney(v.annualAmount)}`);
  const before = new Map(previous.weights.map((w) => [w.districtId, w.weight]));
  const after = new Map(v.weights.map((w) => [w.districtId, w.weight]));
  for (const id of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(id);
    const b = after.get(id);
    if (sameWeight(a, b)) continue;
    out.push(`${names.get(id) ?? 'Kreis'}: ${a === undefined ? '–' : formatDecimal(a)} → ${b === undefined ? '–' : formatDecimal(b)}`);
  }
  return out.length ? out : ['keine Änderung der Zahlen'];
}
