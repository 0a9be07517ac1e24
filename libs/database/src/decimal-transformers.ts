import type { ValueTransformer } from 'typeorm';
import { Money, Rate } from '@foerderfluss/core';

/**
 * numeric columns come back from pg as strings; these map them to the core value types so no
 * amount or rate ever passes through a JS number. Writes go out as exact decimal strings.
 */

/** numeric(15,2) ↔ Money. Refuses sub-cent values instead of letting PostgreSQL round them silently. */
export const moneyTransformer: ValueTransformer = {
  to: (input: Money | string | null | undefined): string | null | undefined => {
    if (input === null || input === undefined) return input;
    // A decimal string (e.g. from a raw default) is accepted, but only if it is a valid amount.
    const value = Money.of(input);
    if (!value.isWholeCents()) throw new RangeError(`Amount ${value.toExactString()} has sub-cent digits; round before saving`);
    return value.toApiString();
  },
  from: (value: string | null): Money | null => (value === null ? null : Money.of(value)),
};

/** numeric(9,6) holding percent ("90" = 90 %, "-0.88") ↔ Rate. */
export const percentRateTransformer: ValueTransformer = {
  to: (value: Rate | string | null | undefined): string | null | undefined =>
    value === null || value === undefined ? value : (typeof value === 'string' ? Rate.fromPercent(value) : value).toPercentString(),
  from: (value: string | null): Rate | null => (value === null ? null : Rate.fromPercent(value)),
};
