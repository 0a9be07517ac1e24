/**
 * Basiszinssatz (§ 247 BGB), published by the Deutsche Bundesbank on 1 January and 1 July.
 *
 * Source: the Leitlinien say nothing about interest. The values are the seed table of
 * shared/docs/DOMAIN.md §5 ("Basiszinssatz … Seed values"), copied as they are. A rate
 * applies from `validFrom` until the next row's `validFrom`. Negative rates apply as they
 * are (no floor). Rates are decimal strings in percent with two decimals, never numbers.
 *
 * The table is editable in the app. Staff add new half-year rates there; this file is only
 * the starting state. Reference seed: upserted by `validFrom` (the natural key; two rows
 * never start on the same day).
 */

export interface BaseRateSeed {
  /** First day the rate applies, 'YYYY-MM-DD'. */
  readonly validFrom: string;
  /** Rate in percent per year as a decimal string, e.g. '-0.88' for −0,88 %. */
  readonly ratePercent: string;
}

export const BASE_RATES = [
  { validFrom: '2020-01-01', ratePercent: '-0.88' },
  { validFrom: '2023-01-01', ratePercent: '1.62' },
  { validFrom: '2023-07-01', ratePercent: '3.12' },
  { validFrom: '2024-01-01', ratePercent: '3.62' },
  { validFrom: '2024-07-01', ratePercent: '3.37' },
  { validFrom: '2025-01-01', ratePercent: '2.27' },
  { validFrom: '2025-07-01', ratePercent: '1.27' },
  { validFrom: '2026-01-01', ratePercent: '1.27' },
  { validFrom: '2026-07-01', ratePercent: '1.52' },
] as const satisfies readonly BaseRateSeed[];
