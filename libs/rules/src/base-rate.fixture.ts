import { CalendarDate, dec } from '@foerderfluss/core';
import type { BaseRateEntry } from './base-rate';

/** Test fixture only: the seed Basiszinssatz table of DOMAIN §5 (the real table is data). */
export const DOMAIN_BASE_RATES: BaseRateEntry[] = [
  ['2020-01-01', '-0.88'],
  ['2023-01-01', '1.62'],
  ['2023-07-01', '3.12'],
  ['2024-01-01', '3.62'],
  ['2024-07-01', '3.37'],
  ['2025-01-01', '2.27'],
  ['2025-07-01', '1.27'],
  ['2026-01-01', '1.27'],
  ['2026-07-01', '1.52'],
].map(([validFrom, ratePercent]) => ({ validFrom: CalendarDate.parse(validFrom), ratePercent: dec(ratePercent) }));
