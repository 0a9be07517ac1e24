/**
 * The Projektaufruf form: a Zod schema that mirrors CreateCallDto/UpdateCallDto (same required
 * fields and lengths, German messages) and the mappers between the API's CallDto, the form's
 * values (German amount, dates as YYYY-MM-DD) and the typed request bodies. The API stays the
 * authority (reference codes, the deadline against today's date in Berlin, the budget year).
 */
import { z } from 'zod';
import type { Schemas } from '../api/client';
import type { RequestBody } from '../api/bodies';
import { germanToApi } from './decimal';
import { formatAmount } from './format';
import { isoDate, optionalGermanAmount } from './schemas';

export type CreateCallBody = RequestBody<'Calls_create'>;
export type UpdateCallBody = RequestBody<'Calls_update'>;
export type ExtendCallBody = RequestBody<'Calls_extend'>;
type RequiredAttachment = NonNullable<CreateCallBody['requiredAttachments']>[number];

const text = (what: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `Bitte ${what} angeben.`)
    .max(max, `Höchstens ${max.toLocaleString('de-DE')} Zeichen.`);

export const callSchema = z
  .object({
    budgetYearId: z.string().min(1, 'Bitte das Haushaltsjahr wählen.'),
    title: text('einen Titel', 300),
    text: text('den Text des Aufrufs', 20000),
    openingDate: isoDate('den Beginn der Einreichung'),
    deadline: isoDate('die Ausschlussfrist'),
    budgetIndication: optionalGermanAmount,
    eligibleFieldsOfAction: z.array(z.string()).min(1, 'Bitte mindestens ein Handlungsfeld wählen.'),
    eligibleCostCategories: z.array(z.string()).min(1, 'Bitte mindestens eine Kostenart wählen.'),
    targetSocialAreas: z.array(z.string()),
    requiredAttachments: z.array(z.string()).max(20),
  })
  .refine((v) => v.deadline === '' || v.openingDate === '' || v.openingDate <= v.deadline, {
    path: ['deadline'],
    message: 'Die Ausschlussfrist liegt vor dem Beginn des Aufrufs.',
  });

export type CallForm = z.input<typeof callSchema>;

export function newCallForm(budgetYearId = ''): CallForm {
  return {
    budgetYearId,
    title: '',
    text: '',
    openingDate: '',
    deadline: '',
    budgetIndication: '',
    eligibleFieldsOfAction: [],
    eligibleCostCategories: [],
    targetSocialAreas: [],
    requiredAttachments: [],
  };
}

export function callToForm(c: Schemas['CallDto']): CallForm {
  return {
    budgetYearId: c.budgetYearId,
    title: c.title,
    text: c.text,
    openingDate: c.openingDate,
    deadline: c.deadline,
    budgetIndication: c.budgetIndication === null ? '' : formatAmount(c.budgetIndication),
    eligibleFieldsOfAction: [...c.eligibleFieldsOfAction],
    eligibleCostCategories: [...c.eligibleCostCategories],
    targetSocialAreas: [...c.targetSocialAreas],
    requiredAttachments: [...c.requiredAttachments],
  };
}

/** "" is no Richtwert (null); otherwise the decimal string the API takes ("250.000" → "250000.00"). */
function budgetIndication(v: string): string | null {
  return v.trim() === '' ? null : (germanToApi(v) ?? v);
}

export function toCreateCallBody(v: CallForm, requirable: readonly string[]): CreateCallBody {
  return { budgetYearId: v.budgetYearId, ...callFields(v, requirable) };
}

/** Every field of the draft but its budget year (which the API does not let change). */
export function toUpdateCallBody(v: CallForm, requirable: readonly string[]): UpdateCallBody {
  return callFields(v, requirable);
}

function callFields(v: CallForm, requirable: readonly string[]): Omit<CreateCallBody, 'budgetYearId'> {
  return {
    title: v.title.trim(),
    text: v.text.trim(),
    openingDate: v.openingDate,
    deadline: v.deadline,
    budgetIndication: budgetIndication(v.budgetIndication),
    eligibleFieldsOfAction: v.eligibleFieldsOfAction,
    eligibleCostCategories: v.eligibleCostCategories,
    targetSocialAreas: v.targetSocialAreas,
    // Only kinds the API lists as requirable are offered; the check keeps the body's type honest.
    requiredAttachments: v.requiredAttachments.filter((k): k is RequiredAttachment => requirable.includes(k)),
  };
}

export const extendSchema = z.object({
  deadline: isoDate('die neue Ausschlussfrist'),
  reason: text('einen Grund', 2000),
});

export type ExtendForm = z.input<typeof extendSchema>;

export function toExtendCallBody(v: ExtendForm): ExtendCallBody {
  return { deadline: v.deadline, reason: v.reason.trim() };
}
