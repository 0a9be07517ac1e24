/**
 * The Land's Zuweisungsbescheid as a form (issue 20): Zod rules that mirror CreateStateGrantDto
 * and BudgetYearFromGrantDto with German messages, and the mappers to the request bodies of the
 * OpenAPI operations (amount, Fördersatz and dates may stay empty: the API then takes the share of
 * the Verteilungsschlüssel, STATE_RATE_PERCENT and the usual periods).
 */
import { z } from 'zod';
import type { RequestBody } from '../api/bodies';
import type { Schemas } from '../api/client';
import { germanDecimalToApi, germanToApi, parseGermanAmount } from './decimal';
import { formatAmount } from './format';

export type CreateStateGrantBody = RequestBody<'StateGrants_create'>;
export type UpdateStateGrantBody = RequestBody<'StateGrants_update'>;
export type BudgetYearFromGrantBody = RequestBody<'StateGrants_budgetYear'>;
export type LandDrawdownPaymentBody = RequestBody<'LandDrawdowns_pay'>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const optionalDate = z.union([z.literal(''), z.string().regex(DATE, 'Bitte ein Datum wie 25.11.2026 angeben.')]);
const optionalAmount = z.string().superRefine((v, ctx) => {
  if (v.trim() === '') return;
  const r = parseGermanAmount(v);
  if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
});

export const stateGrantSchema = z
  .object({
    districtId: z.string().min(1, 'Bitte den Kreis wählen.'),
    year: z.string().regex(/^\d{4}$/, 'Bitte das Haushaltsjahr vierstellig angeben, z. B. 2027.'),
    reference: z.string().trim().min(1, 'Bitte das Aktenzeichen des Zuweisungsbescheids angeben.').max(100, 'Höchstens 100 Zeichen.'),
    amount: optionalAmount,
    stateRatePercent: z.string().superRefine((v, ctx) => {
      if (v.trim() === '') return;
      const api = germanDecimalToApi(v, 6);
      if (api === null || Number(api) < 0 || Number(api) > 100) ctx.addIssue({ code: 'custom', message: 'Bitte einen Prozentsatz zwischen 0 und 100 angeben, z. B. 80.' });
    }),
    periodStart: optionalDate,
    periodEnd: optionalDate,
    proofDue: optionalDate,
    note: z.string().max(2000, 'Höchstens 2.000 Zeichen.'),
  })
  .superRefine((v, ctx) => {
    if (v.periodStart && v.periodEnd && v.periodEnd < v.periodStart) ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'Das Ende darf nicht vor dem Beginn liegen.' });
  });
export type StateGrantForm = z.input<typeof stateGrantSchema>;

export const emptyStateGrant = (year: number, districtId = ''): StateGrantForm => ({
  districtId,
  year: String(year),
  reference: '',
  amount: '',
  stateRatePercent: '',
  periodStart: '',
  periodEnd: '',
  proofDue: '',
  note: '',
});

export function toCreateStateGrantBody(v: StateGrantForm): CreateStateGrantBody {
  const note = v.note.trim();
  return {
    districtId: v.districtId,
    year: Number(v.year),
    reference: v.reference.trim(),
    ...(v.amount.trim() ? { amount: germanToApi(v.amount) ?? v.amount } : {}),
    ...(v.stateRatePercent.trim() ? { stateRatePercent: germanDecimalToApi(v.stateRatePercent, 6) ?? v.stateRatePercent } : {}),
    ...(v.periodStart ? { periodStart: v.periodStart } : {}),
    ...(v.periodEnd ? { periodEnd: v.periodEnd } : {}),
    ...(v.proofDue ? { proofDue: v.proofDue } : {}),
    ...(note ? { note } : {}),
  };
}

export const budgetYearFromGrantSchema = z.object({
  districtShareAmount: z.string().superRefine((v, ctx) => {
    const r = parseGermanAmount(v);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
  }),
  districtBudgetLine: z.string().trim().min(1, 'Bitte die Haushaltsstelle des Eigenanteils angeben.').max(100, 'Höchstens 100 Zeichen.'),
  applicationDeadline: optionalDate,
});
export type BudgetYearFromGrantForm = z.input<typeof budgetYearFromGrantSchema>;

export function toBudgetYearFromGrantBody(v: BudgetYearFromGrantForm): BudgetYearFromGrantBody {
  return {
    districtShareAmount: germanToApi(v.districtShareAmount) ?? v.districtShareAmount,
    districtBudgetLine: v.districtBudgetLine.trim(),
    applicationDeadline: v.applicationDeadline || null,
  };
}

/**
 * Editing a draft (PATCH): the same rules, but Kreis and year are fixed and the draft already has
 * every value, so amount, Fördersatz and dates are required (an empty field would not mean "the
 * default" any more but "unchanged", which a form cannot show).
 */
const requiredDate = (what: string) => z.string().regex(DATE, `Bitte ${what} als Datum wie 25.11.2026 angeben.`);
export const editStateGrantSchema = z
  .object({
    reference: z.string().trim().min(1, 'Bitte das Aktenzeichen des Zuweisungsbescheids angeben.').max(100, 'Höchstens 100 Zeichen.'),
    amount: z.string().superRefine((v, ctx) => {
      const r = parseGermanAmount(v);
      if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
    }),
    stateRatePercent: z.string().superRefine((v, ctx) => {
      const api = germanDecimalToApi(v, 6);
      if (api === null || Number(api) < 0 || Number(api) > 100) ctx.addIssue({ code: 'custom', message: 'Bitte einen Prozentsatz zwischen 0 und 100 angeben, z. B. 80.' });
    }),
    periodStart: requiredDate('den Beginn'),
    periodEnd: requiredDate('das Ende'),
    proofDue: requiredDate('die Frist'),
    note: z.string().max(2000, 'Höchstens 2.000 Zeichen.'),
  })
  .superRefine((v, ctx) => {
    if (v.periodEnd < v.periodStart) ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'Das Ende darf nicht vor dem Beginn liegen.' });
  });
export type EditStateGrantForm = z.input<typeof editStateGrantSchema>;

/** The draft as the form shows it: German amount and percentage, ISO dates for the date inputs. */
export function editStateGrantFrom(g: Schemas['StateGrantDto']): EditStateGrantForm {
  return {
    reference: g.reference,
    amount: formatAmount(g.amount),
    stateRatePercent: g.stateRatePercent.replace('.', ','),
    periodStart: g.periodStart,
    periodEnd: g.periodEnd,
    proofDue: g.proofDue,
    note: g.note ?? '',
  };
}

/** Every field of the draft (an emptied note becomes null: the API clears it). */
export function toUpdateStateGrantBody(v: EditStateGrantForm): UpdateStateGrantBody {
  const note = v.note.trim();
  return {
    reference: v.reference.trim(),
    amount: germanToApi(v.amount) ?? v.amount,
    stateRatePercent: germanDecimalToApi(v.stateRatePercent, 6) ?? v.stateRatePercent,
    periodStart: v.periodStart,
    periodEnd: v.periodEnd,
    proofDue: v.proofDue,
    note: note || null,
  };
}
