/**
 * The type of `JSON.parse(JSON.stringify(x))`: Money, Rate, Dec and CalendarDate become the strings
 * their `toJSON()` returns, arrays and records are converted member by member. Lets a response
 * mapper hand a rule result to its DTO as JSON while the compiler still checks it against the DTO.
 */
export type Jsonified<T> = T extends { toJSON(): infer R }
  ? R
  : T extends readonly (infer U)[]
    ? Jsonified<U>[]
    : T extends object
      ? { [K in keyof T]: Jsonified<T[K]> }
      : T;

/** A rule result as the JSON the API sends (exact decimal strings, ISO dates). */
export function toJson<T>(x: T): Jsonified<T> {
  return JSON.parse(JSON.stringify(x)) as Jsonified<T>;
}
