import {
  DAY_COUNT_CONVENTIONS,
  DayCountConvention,
  Dec,
  Money,
  Rate,
  daysInMonth,
  parseDecimalStrict,
  parseMoneyStrict,
  parsePercentStrict,
} from '@foerderfluss/core';

/**
 * Every parameter of DOMAIN §7 as the business code reads it, fully typed. The field names are
 * those of `ProgrammeParameters` in libs/rules (programmes may not import rules; the compiler
 * checks the two shapes agree wherever the api passes one for the other). The Mahnwesen days at
 * the end are procedure, not law: no rule of libs/rules takes them.
 */
export interface ProgrammeParameterValues {
  paymentRequestHorizonMonths: number;
  interestSurchargePercentagePoints: Dec;
  dayCount: DayCountConvention;
  deMinimisAmount: Money;
  finalProofDueMonths: number;
  interimProofDue: { day: number; month: number };
  overrunTolerance: Rate;
  inDepthSampleRate: Rate;
  receiptRetentionYears: number;
  stateFundingRate: Rate;
  /** Days after the due date of a Rückforderung on which the 1st Mahnung goes out. */
  dunningFirstDays: number;
  /** Days after the 1st Mahnung on which the 2nd goes out. */
  dunningSecondDays: number;
  /** Zahlungsfrist a Mahnung sets, in days from its date. */
  dunningPaymentDays: number;
}

export type ProgrammeParameterField = keyof ProgrammeParameterValues;

/** How a value is written (always as text) and what it becomes when read. */
export type ParameterUnit = 'DAYS' | 'MONTHS' | 'YEARS' | 'PERCENT' | 'PERCENTAGE_POINTS' | 'EUR' | 'DAY_COUNT_CONVENTION' | 'MM-DD';

interface UnitValue {
  DAYS: number;
  MONTHS: number;
  YEARS: number;
  PERCENT: Rate;
  PERCENTAGE_POINTS: Dec;
  EUR: Money;
  DAY_COUNT_CONVENTION: DayCountConvention;
  'MM-DD': { day: number; month: number };
}

/**
 * The parameter codes (as seeded from seeds/reference/programme.ts) with their unit, the typed
 * field they fill and a short German label for messages. Descriptions are data
 * (programme_parameter_definition), the values are dated data (programme_parameter).
 */
export const PROGRAMME_PARAMETER_DEFINITIONS = {
  PAYMENT_HORIZON_MONTHS: { unit: 'MONTHS', field: 'paymentRequestHorizonMonths', label: 'Abrufzeitraum für Mittelabrufe' },
  INTEREST_SURCHARGE_PP: { unit: 'PERCENTAGE_POINTS', field: 'interestSurchargePercentagePoints', label: 'Zinsaufschlag auf den Basiszinssatz' },
  DAY_COUNT: { unit: 'DAY_COUNT_CONVENTION', field: 'dayCount', label: 'Zinstagezählung' },
  DE_MINIMIS_AMOUNT: { unit: 'EUR', field: 'deMinimisAmount', label: 'Bagatellgrenze' },
  PROOF_DUE_MONTHS: { unit: 'MONTHS', field: 'finalProofDueMonths', label: 'Frist für den Verwendungsnachweis' },
  INTERIM_PROOF_DUE_DAY_MONTH: { unit: 'MM-DD', field: 'interimProofDue', label: 'Stichtag für Zwischennachweise' },
  OVERRUN_TOLERANCE_PERCENT: { unit: 'PERCENT', field: 'overrunTolerance', label: 'Überschreitungstoleranz je Einzelansatz' },
  SAMPLE_SHARE_PERCENT: { unit: 'PERCENT', field: 'inDepthSampleRate', label: 'Stichprobenanteil der vertieften Prüfung' },
  RECEIPT_RETENTION_YEARS: { unit: 'YEARS', field: 'receiptRetentionYears', label: 'Aufbewahrungsfrist für Belege' },
  STATE_RATE_PERCENT: { unit: 'PERCENT', field: 'stateFundingRate', label: 'Fördersatz des Landes' },
  DUNNING_FIRST_DAYS: { unit: 'DAYS', field: 'dunningFirstDays', label: '1. Mahnung: Tage nach Fälligkeit der Rückforderung' },
  DUNNING_SECOND_DAYS: { unit: 'DAYS', field: 'dunningSecondDays', label: '2. Mahnung: Tage nach der 1. Mahnung' },
  DUNNING_PAYMENT_DAYS: { unit: 'DAYS', field: 'dunningPaymentDays', label: 'Zahlungsfrist einer Mahnung in Tagen' },
} as const satisfies Record<string, { unit: ParameterUnit; field: ProgrammeParameterField; label: string }>;

export type ProgrammeParameterCode = keyof typeof PROGRAMME_PARAMETER_DEFINITIONS;
export const PROGRAMME_PARAMETER_CODES = Object.keys(PROGRAMME_PARAMETER_DEFINITIONS) as ProgrammeParameterCode[];

// Compile-time guards: every field is filled by exactly the value type its unit produces.
type Defs = typeof PROGRAMME_PARAMETER_DEFINITIONS;
type Mismatched = {
  [C in keyof Defs]: UnitValue[Defs[C]['unit']] extends ProgrammeParameterValues[Defs[C]['field']] ? never : C;
}[keyof Defs];
type Unfilled = Exclude<ProgrammeParameterField, Defs[keyof Defs]['field']>;
const everyUnitMatches: [Mismatched] extends [never] ? true : never = true;
const everyFieldFilled: [Unfilled] extends [never] ? true : never = true;
void everyUnitMatches;
void everyFieldFilled;

export function isProgrammeParameterCode(code: string): code is ProgrammeParameterCode {
  return Object.prototype.hasOwnProperty.call(PROGRAMME_PARAMETER_DEFINITIONS, code);
}

export function parameterDefinition(code: ProgrammeParameterCode): Defs[ProgrammeParameterCode] {
  return PROGRAMME_PARAMETER_DEFINITIONS[code];
}

// Plausibility bounds of an admin's input; the defaults themselves are data, never here.
const MAX_DAYS = 365;
const MAX_MONTHS = 120;
const MAX_YEARS = 100;
const MAX_RATE_DECIMALS = 6;
const INTEGER_PATTERN = /^\d{1,4}$/;
const DAY_MONTH_PATTERN = /^(\d{2})-(\d{2})$/;
// 2000 is a leap year, so a 29.02. due day is allowed (it falls on 28.02. in common years).
const LEAP_YEAR = 2000;

export type ParsedParameterValue<U extends ParameterUnit> =
  | { ok: true; value: UnitValue[U]; canonical: string }
  | { ok: false; message: string };

function wholeNumber(raw: string, max: number, what: string): ParsedParameterValue<'MONTHS'> {
  const n = INTEGER_PATTERN.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n > max) {
    return { ok: false, message: `Bitte eine ganze Zahl von ${what} zwischen 0 und ${max} angeben, z. B. „6“.` };
  }
  return { ok: true, value: n, canonical: String(n) };
}

/**
 * Checks a value as an admin or the seed writes it and turns it into its typed form plus the
 * canonical text that is stored ("25.0" → "25", "500" → "500.00"), so equal values compare equal.
 */
export function parseParameterValue<U extends ParameterUnit>(unit: U, raw: unknown): ParsedParameterValue<U> {
  const result = parseAny(unit, raw);
  return result as ParsedParameterValue<U>;
}

function parseAny(unit: ParameterUnit, raw: unknown): ParsedParameterValue<ParameterUnit> {
  if (typeof raw !== 'string') return { ok: false, message: 'Der Wert muss als Text angegeben werden, z. B. "20".' };
  switch (unit) {
    case 'DAYS':
      return wholeNumber(raw, MAX_DAYS, 'Tagen');
    case 'MONTHS':
      return wholeNumber(raw, MAX_MONTHS, 'Monaten');
    case 'YEARS':
      return wholeNumber(raw, MAX_YEARS, 'Jahren');
    case 'PERCENT': {
      const r = parsePercentStrict(raw, { maxDecimals: MAX_RATE_DECIMALS });
      return r.ok ? { ok: true, value: r.value, canonical: r.value.toPercentString() } : { ok: false, message: r.message };
    }
    case 'PERCENTAGE_POINTS': {
      const r = parseDecimalStrict(raw, { min: 0, max: 100, maxDecimals: MAX_RATE_DECIMALS });
      return r.ok
        ? { ok: true, value: r.value, canonical: r.value.toString() }
        : { ok: false, message: r.message.replace('Der Wert', 'Der Aufschlag in Prozentpunkten') };
    }
    case 'EUR': {
      const r = parseMoneyStrict(raw);
      return r.ok ? { ok: true, value: r.value, canonical: r.value.toApiString() } : { ok: false, message: r.message };
    }
    case 'DAY_COUNT_CONVENTION':
      return (DAY_COUNT_CONVENTIONS as readonly string[]).includes(raw)
        ? { ok: true, value: raw as DayCountConvention, canonical: raw }
        : { ok: false, message: `Erlaubt sind nur diese Werte: ${DAY_COUNT_CONVENTIONS.join(', ')}.` };
    case 'MM-DD': {
      const m = DAY_MONTH_PATTERN.exec(raw);
      const month = m ? Number(m[1]) : NaN;
      const day = m ? Number(m[2]) : NaN;
      if (!m || month < 1 || month > 12 || day < 1 || day > daysInMonth(LEAP_YEAR, month)) {
        return { ok: false, message: 'Bitte Monat und Tag im Format MM-TT angeben, z. B. "04-30" für den 30.04.' };
      }
      return { ok: true, value: { day, month }, canonical: raw };
    }
  }
}
