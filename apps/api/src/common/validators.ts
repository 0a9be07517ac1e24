import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { parseParameterValue } from '@foerderfluss/programmes';
import {
  DecimalParseOptions,
  parseDecimalStrict,
  parseMoneyStrict,
  parsePercentStrict,
  PercentParseOptions,
} from '@foerderfluss/core';

/** A real calendar date as `YYYY-MM-DD` (rejects 2026-02-30 and timestamps). */
export function IsIsoDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isIsoDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate(value: unknown): boolean {
          if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
          const [y, m, d] = value.split('-').map(Number) as [number, number, number];
          const date = new Date(Date.UTC(y, m - 1, d));
          return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
        },
      },
    });
  };
}

/**
 * A money amount as a decimal string with at most two decimals ("1234.56"), never a JSON
 * number: floats would silently lose cents. Non-negative; at most 13 integer digits (numeric(15,2)).
 */
export function IsDecimalAmount(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isDecimalAmount',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate(value: unknown): boolean {
          return typeof value === 'string' && /^\d{1,13}(\.\d{1,2})?$/.test(value);
        },
      },
    });
  };
}

/**
 * The strict parsers of core behind class-validator: the message names the actual problem
 * (negative, too many decimals, beyond numeric(15,2), a JSON number instead of a string).
 * Their names are not in validation.ts's MESSAGES, so the German message given here is kept.
 */
function registerParsed(
  name: string,
  parse: (value: unknown) => { ok: true } | { ok: false; message: string },
  options?: ValidationOptions,
): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown): boolean => parse(value).ok,
        defaultMessage: (args?: ValidationArguments): string => {
          const result = parse(args?.value);
          return result.ok ? '' : result.message;
        },
      },
    });
  };
}

/** A money amount as a decimal string: ≥ 0, at most two decimals, at most 9999999999999.99. */
export function IsMoneyAmount(options?: ValidationOptions): PropertyDecorator {
  return registerParsed('isMoneyAmount', (v) => parseMoneyStrict(v), options);
}

/** A percentage as a decimal string ("90" = 90 %), by default 0–100 with up to six decimals. */
export function IsPercent(bounds: PercentParseOptions = {}, options?: ValidationOptions): PropertyDecorator {
  return registerParsed('isPercent', (v) => parsePercentStrict(v, bounds), options);
}

/** A plain decimal as a string (VZÄ, months, units, percentage points). */
export function IsDecimalString(bounds: DecimalParseOptions = {}, options?: ValidationOptions): PropertyDecorator {
  return registerParsed('isDecimalString', (v) => parseDecimalStrict(v, bounds), options);
}

/** Month and day as `MM-DD` (e.g. "04-30"); 02-29 is allowed. */
export function IsDayMonth(options?: ValidationOptions): PropertyDecorator {
  return registerParsed('isDayMonth', (v) => parseParameterValue('MM-DD', v), options);
}
