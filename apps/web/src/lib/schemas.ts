/**
 * Zod schemas that mirror the API's DTOs (apps/api/src/**\/*.dto.ts): the same required fields,
 * lengths and formats, with German messages. They catch mistakes before a round trip; the API
 * stays the authority, and its problem+json field errors land on the same field names.
 */
import { z } from 'zod';
import type { ChangeBankAccountBody, CreateApplicationBody, UpdateApplicationBody, UpdateContactBody } from '../api/bodies';
import { germanDecimalToApi, germanToApi, parseGermanAmount } from './decimal';

const required = (what: string) => z.string().trim().min(1, `Bitte ${what} angeben.`);
const maxLen = (s: z.ZodString, n: number) => s.max(n, `Höchstens ${n.toLocaleString('de-DE')} Zeichen.`);

export const isoDate = (what: string) =>
  z
    .string()
    .min(1, `Bitte ${what} angeben.`)
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Bitte ein Datum wie 25.11.2026 angeben.');

const optionalIsoDate = z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Bitte ein Datum wie 25.11.2026 angeben.')]);

/** A German amount as typed ("80.000,00"), non-negative, at most two decimals. */
export const germanAmount = z.string().superRefine((v, ctx) => {
  const r = parseGermanAmount(v);
  if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
});

const optionalGermanAmount = z.string().superRefine((v, ctx) => {
  if (v.trim() === '') return;
  const r = parseGermanAmount(v);
  if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
});

const germanDecimal = (what: string, min: number, max: number, decimals: number) =>
  z.string().superRefine((v, ctx) => {
    const api = germanDecimalToApi(v, decimals);
    if (api === null) {
      ctx.addIssue({ code: 'custom', message: `Bitte ${what} als Zahl angeben (höchstens ${decimals} Nachkommastellen).` });
      return;
    }
    const n = Number(api);
    if (n < min || n > max) ctx.addIssue({ code: 'custom', message: `${what[0]!.toUpperCase()}${what.slice(1)} muss zwischen ${String(min).replace('.', ',')} und ${max} liegen.` });
  });

export const loginSchema = z.object({
  email: required('Ihre E-Mail-Adresse').max(254),
  password: z.string().min(1, 'Bitte Ihr Passwort angeben.').max(1024),
});

export const PASSWORD_MIN_LENGTH = 12;

/** A code of the second factor: six digits from the app, or (where allowed) a recovery code. */
export const mfaCodeSchema = z.object({
  code: z.string().trim().min(1, 'Bitte geben Sie den Code ein.').max(64),
});

export const passwordSchema = z
  .object({
    currentPassword: z.string().min(1, 'Bitte Ihr bisheriges Passwort angeben.'),
    newPassword: z.string().min(PASSWORD_MIN_LENGTH, `Das neue Passwort muss mindestens ${PASSWORD_MIN_LENGTH} Zeichen lang sein.`).max(1024),
    repeat: z.string(),
  })
  .refine((v) => v.newPassword === v.repeat, { path: ['repeat'], message: 'Die Wiederholung stimmt nicht mit dem neuen Passwort überein.' });

export const costLineSchema = z.object({
  category: required('eine Kostenart'),
  description: maxLen(required('eine Beschreibung'), 500),
  amount: germanAmount,
});

export const personnelSchema = z.object({
  label: maxLen(required('eine Stellenbezeichnung'), 200),
  payGrade: maxLen(required('die Entgeltgruppe'), 40),
  monthlyEmployerGross: germanAmount,
  comparisonAmount: germanAmount,
  fte: germanDecimal('den Stellenanteil (VZÄ)', 0.01, 1, 4),
  months: germanDecimal('die Monate', 0.5, 60, 2),
});

export const fundingLineSchema = z.object({
  kind: z.enum(['OWN_FUNDS', 'THIRD_PARTY', 'GRANT'], { error: 'Bitte die Art der Finanzierung wählen.' }),
  source: maxLen(required('die Herkunft der Mittel'), 300),
  amount: germanAmount,
});

export const financingPlanSchema = z.object({
  costLines: z.array(costLineSchema).max(200),
  personnelPositions: z.array(personnelSchema).max(100),
  fundingLines: z.array(fundingLineSchema).max(100),
});

const phone = z.union([z.literal(''), z.string().regex(/^[0-9 +()/-]{3,40}$/, 'Bitte eine Telefonnummer aus Ziffern, Leerzeichen und + ( ) / - angeben.')]);

export const applicationSchema = z
  .object({
    callId: required('den Projektaufruf'),
    title: maxLen(required('einen Titel'), 300),
    purpose: maxLen(required('den Zweck'), 5000),
    targetGroup: maxLen(required('die Zielgruppe'), 2000),
    fieldsOfAction: z.array(z.string()).min(1, 'Bitte mindestens ein Handlungsfeld wählen.').max(8),
    socialAreaCode: required('den Sozialraum'),
    municipality: z.string().max(100, 'Höchstens 100 Zeichen.'),
    periodStart: isoDate('den Beginn des Durchführungszeitraums'),
    periodEnd: isoDate('das Ende des Durchführungszeitraums'),
    plannedStart: isoDate('den geplanten Maßnahmebeginn'),
    contactName: maxLen(required('eine Ansprechperson'), 200),
    contactEmail: z.email('Bitte eine gültige E-Mail-Adresse angeben.').max(254),
    contactPhone: phone,
    projectBegun: z.boolean(),
    projectBegunOn: optionalIsoDate,
    vatDeductible: z.boolean(),
    otherPublicFunding: z.string().max(2000, 'Höchstens 2.000 Zeichen.'),
    betterPositionRespected: z.boolean(),
    financingPlan: financingPlanSchema,
  })
  .superRefine((v, ctx) => {
    if (v.periodStart && v.periodEnd && v.periodEnd < v.periodStart) {
      ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'Das Ende darf nicht vor dem Beginn liegen.' });
    }
    if (v.projectBegun && !v.projectBegunOn) {
      ctx.addIssue({ code: 'custom', path: ['projectBegunOn'], message: 'Bitte angeben, seit wann die Maßnahme läuft.' });
    }
  });

export type ApplicationForm = z.input<typeof applicationSchema>;
export type PlanForm = ApplicationForm['financingPlan'];

export const emptyCostLine = (): PlanForm['costLines'][number] => ({ category: '', description: '', amount: '' });
export const emptyFundingLine = (kind: 'OWN_FUNDS' | 'THIRD_PARTY' | 'GRANT' = 'OWN_FUNDS'): PlanForm['fundingLines'][number] => ({ kind, source: '', amount: '' });
export const emptyPosition = (): PlanForm['personnelPositions'][number] => ({ label: '', payGrade: '', monthlyEmployerGross: '', comparisonAmount: '', fte: '', months: '' });

const amount = (s: string) => germanToApi(s) ?? s;
const dec = (s: string, d: number) => germanDecimalToApi(s, d) ?? s;
const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

/** What a create and an update of an Antrag both carry (everything but the call and the version). */
type ApplicationFields = Omit<CreateApplicationBody, 'callId'>;
// An update must take every shared field: a field only the create knows would be refused with 400.
type SharedFieldsOnlyUpdatable = Exclude<keyof ApplicationFields, keyof UpdateApplicationBody>;
const everySharedFieldUpdatable: [SharedFieldsOnlyUpdatable] extends [never] ? true : false = true;
void everySharedFieldUpdatable;

function applicationFields(v: ApplicationForm): ApplicationFields {
  return {
    title: v.title.trim(),
    purpose: v.purpose.trim(),
    targetGroup: v.targetGroup.trim(),
    fieldsOfAction: v.fieldsOfAction,
    socialAreaCode: v.socialAreaCode,
    municipality: orNull(v.municipality),
    periodStart: v.periodStart,
    periodEnd: v.periodEnd,
    plannedStart: v.plannedStart,
    contactName: v.contactName.trim(),
    contactEmail: v.contactEmail.trim(),
    contactPhone: orNull(v.contactPhone),
    projectBegun: v.projectBegun,
    projectBegunOn: v.projectBegun ? orNull(v.projectBegunOn) : null,
    vatDeductible: v.vatDeductible,
    otherPublicFunding: orNull(v.otherPublicFunding),
    betterPositionRespected: v.betterPositionRespected,
    financingPlan: {
      costLines: v.financingPlan.costLines.map((l) => ({ category: l.category, description: l.description.trim(), amount: amount(l.amount) })),
      personnelPositions: v.financingPlan.personnelPositions.map((p) => ({
        label: p.label.trim(),
        payGrade: p.payGrade.trim(),
        monthlyEmployerGross: amount(p.monthlyEmployerGross),
        comparisonAmount: amount(p.comparisonAmount),
        fte: dec(p.fte, 4),
        months: dec(p.months, 2),
      })),
      fundingLines: v.financingPlan.fundingLines.map((l) => ({ kind: l.kind, source: l.source.trim(), amount: amount(l.amount) })),
    },
  };
}

/** The form's values as the body of POST /applications (amounts as decimal strings). */
export function toCreateApplicationBody(v: ApplicationForm): CreateApplicationBody {
  return { callId: v.callId, ...applicationFields(v) };
}

/**
 * The form's values as the body of PATCH /applications/{id}: the call is fixed once the Antrag
 * exists (the API refuses `callId` here), the version guards against overwriting a newer save.
 */
export function toUpdateApplicationBody(v: ApplicationForm, version: number): UpdateApplicationBody {
  return { ...applicationFields(v), version };
}

export const commentSchema = z.object({ text: maxLen(required('einen Text'), 5000) });
export const reasonSchema = z.object({ reason: maxLen(required('eine Begründung'), 2000) });

export const contactSchema = z.object({
  contactName: maxLen(required('eine Ansprechperson'), 200),
  contactEmail: z.email('Bitte eine gültige E-Mail-Adresse angeben.'),
  contactPhone: phone,
});

export const bankAccountSchema = z.object({
  iban: z
    .string()
    .transform((s) => s.replace(/\s+/g, '').toUpperCase())
    .pipe(z.string().regex(/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/, 'Bitte eine gültige IBAN angeben (z. B. DE89 3704 0044 0532 0130 00).')),
  bic: z.string().transform((s) => s.replace(/\s+/g, '').toUpperCase()).pipe(z.union([z.literal(''), z.string().regex(/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/, 'Bitte eine gültige BIC angeben.')])),
  accountHolder: maxLen(required('den Kontoinhaber'), 200),
});

/** The contact form as the body of PATCH /organisations/{id}/contact. */
export function toUpdateContactBody(v: z.input<typeof contactSchema>): UpdateContactBody {
  return { contactName: v.contactName.trim(), contactEmail: v.contactEmail.trim(), contactPhone: v.contactPhone.trim() || null };
}

/** The (parsed) bank account form as the body of PUT /organisations/{id}/bank-account. */
export function toChangeBankAccountBody(v: z.output<typeof bankAccountSchema>): ChangeBankAccountBody {
  return { iban: v.iban, bic: v.bic || undefined, accountHolder: v.accountHolder.trim() };
}

export const votumSchema = z.object({
  recommendation: z.enum(['', 'APPROVE', 'APPROVE_PARTIAL', 'REJECT']),
  proposedAmount: optionalGermanAmount,
  reasons: z.string().max(5000),
});

export const proposeGrantSchema = z.object({
  instrument: z.enum(['BESCHEID', 'VERTRAG']),
  financingType: z.enum(['SHARE', 'DEFICIT', 'FULL', 'FIXED']),
  fundingRatePercent: z.string().superRefine((v, ctx) => {
    if (v.trim() !== '' && germanDecimalToApi(v, 6) === null) ctx.addIssue({ code: 'custom', message: 'Bitte einen Prozentsatz wie 90 oder 87,5 angeben.' });
  }),
  maxAmount: germanAmount,
  specialConditions: z.string().max(5000),
});

export const rejectionSchema = z.object({ reasons: maxLen(required('die Gründe der Ablehnung'), 5000) });

const ROLE_CODES = ['ADMIN', 'STAFF', 'APPROVER', 'PROVIDER', 'AUDITOR'] as const;

export const userSchema = z.object({
  email: z.email('Bitte eine gültige E-Mail-Adresse angeben.'),
  displayName: maxLen(required('einen Namen'), 200),
  password: z.string().min(PASSWORD_MIN_LENGTH, `Das Passwort muss mindestens ${PASSWORD_MIN_LENGTH} Zeichen lang sein.`),
  role: z.enum(ROLE_CODES, { error: 'Bitte eine Rolle wählen.' }),
  organisationId: z.string(),
}).refine((v) => v.role !== 'PROVIDER' || v.organisationId !== '', { path: ['organisationId'], message: 'Ein Träger-Konto braucht seinen Träger.' });

/**
 * Rollen ändern (PUT /users/{id}/roles): at least one role, as the API demands. Which roles may be
 * combined (PROVIDER and AUDITOR only alone, a Träger account stays a Träger's) the API decides and
 * says in German; the dialog shows its answer rather than a second copy of the rules.
 */
export const rolesSchema = z.object({
  roles: z.array(z.enum(ROLE_CODES)).min(1, 'Bitte mindestens eine Rolle wählen.'),
});

export const baseRateSchema = z.object({
  validFrom: isoDate('den Beginn der Gültigkeit'),
  ratePercent: z.string().superRefine((v, ctx) => {
    const s = v.trim().replace(',', '.');
    if (!/^-?\d{1,3}(\.\d{1,4})?$/.test(s)) ctx.addIssue({ code: 'custom', message: 'Bitte einen Zinssatz wie 1,27 oder -0,88 angeben.' });
  }),
});

const WHOLE_UNITS: Record<string, string> = { DAYS: 'Tagen', MONTHS: 'Monaten', YEARS: 'Jahren' };

/** What is wrong with a parameter value typed in German, by its unit; null when the API may judge it. */
export function parameterValueProblem(unit: string, raw: string): string | null {
  const v = raw.trim();
  if (v === '') return null;
  if (WHOLE_UNITS[unit]) return /^\d{1,4}$/.test(v) ? null : `Bitte eine ganze Zahl von ${WHOLE_UNITS[unit]} angeben, z. B. „14“.`;
  if (unit === 'PERCENT' || unit === 'PERCENTAGE_POINTS') return germanDecimalToApi(v, 6) === null ? 'Bitte eine Zahl angeben, z. B. „12,5“.' : null;
  if (unit === 'EUR') {
    const r = parseGermanAmount(v);
    return r.ok ? null : r.message;
  }
  if (unit === 'MM-DD') return /^\d{2}-\d{2}$/.test(v) ? null : 'Bitte Monat und Tag als MM-TT angeben, z. B. „04-30“ für den 30. April.';
  return null;
}

/** The value as the API takes it: German decimals and amounts become decimal strings ("12,5" → "12.5", "1.234,50" → "1234.50"). */
export function parameterValueToApi(unit: string, raw: string): string {
  const v = raw.trim();
  if (unit === 'EUR') return germanToApi(v) ?? v;
  if (unit === 'PERCENT' || unit === 'PERCENTAGE_POINTS') return germanDecimalToApi(v, 6) ?? v;
  return v;
}

/** A new dated value of a programme parameter, checked by its unit before the round trip (the API checks the same, in German). */
export const parameterValueSchemaFor = (unit: string) =>
  z.object({
    value: required('einen Wert').superRefine((v, ctx) => {
      const problem = parameterValueProblem(unit, v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
    validFrom: isoDate('den Beginn der Gültigkeit'),
  });
export type ParameterValueForm = z.infer<ReturnType<typeof parameterValueSchemaFor>>;

export { germanDecimal, optionalGermanAmount };

/** Offene Daten (360Giving): the API checks the same rules and answers in German; these catch typos before the round trip. */
export const openDataSettingsSchema = z
  .object({
    enabled: z.boolean(),
    prefix: z.union([z.literal(''), z.string().trim().regex(/^360G-[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/, 'Das Präfix beginnt mit „360G-“, gefolgt von Buchstaben, Ziffern und einzelnen Bindestrichen.')]),
    funderIdentifier: z.union([z.literal(''), z.string().trim().regex(/^[A-Za-z0-9]+(-[A-Za-z0-9._/:]+)+$/, 'Bitte eine Kennung wie „XI-LEI-…“ ohne Leerzeichen angeben oder das Feld leer lassen.')]),
    licence: z.enum(['CC_BY_4_0', 'CC0_1_0', 'DL_DE_BY_2_0', 'DL_DE_ZERO_2_0']),
  })
  .superRefine((v, ctx) => {
    if (v.enabled && v.prefix.trim() === '') ctx.addIssue({ code: 'custom', path: ['prefix'], message: 'Zum Veröffentlichen ist das bei 360Giving registrierte Präfix nötig.' });
  });
