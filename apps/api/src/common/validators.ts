import { registerDecorator, ValidationOptions } from 'class-validator';

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
