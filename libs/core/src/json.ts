/**
 * The type of `JSON.parse(JSON.stringify(value))` for a `T`: what a jsonb column holds after the
 * lib wrote `T` (Money, Rate and CalendarDate become their `toJSON()` strings, Date an ISO string).
 */
export type JsonOf<T> = T extends { toJSON(): infer R }
  ? R
  : T extends (infer U)[]
    ? JsonOf<U>[]
    : T extends readonly (infer U)[]
      ? readonly JsonOf<U>[]
      : T extends object
        ? { [K in keyof T as T[K] extends (...args: never[]) => unknown ? never : K]: JsonOf<T[K]> }
        : T;
