/**
 * Which Kreis a record belongs to, where that matters (issue 20): the Land reads every Kreis's
 * records and a Träger may work in several Kreise; their lists get a column "Kreis" (the API's
 * `districtName`) and a Kreis filter. A Kreis's own staff see only their Kreis: no column.
 */
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client';
import { levelOf, useCurrentUser } from '../auth/auth';
import type { Column } from './table';

/** The Kreise the caller may see: the Land all, a Kreis itself, a Träger those it is registered in. */
export function useVisibleDistricts(enabled = true) {
  return useQuery({
    queryKey: ['districts', 'overview', null],
    enabled,
    staleTime: 5 * 60 * 1000,
    queryFn: () => call(api.GET('/api/v1/districts', { params: { query: {} } })),
  });
}

/** Whether lists name each record's Kreis: for the Land always, for a Träger working in more than one Kreis. */
export function useShowsDistrict(): boolean {
  const level = levelOf(useCurrentUser());
  const districts = useVisibleDistricts(level === 'PROVIDER' || level === 'STATE');
  if (level === 'STATE') return true;
  if (level === 'PROVIDER') return (districts.data?.items.length ?? 0) > 1;
  return false;
}

/** The column "Kreis" for a list of records that carry `districtName`. */
export function districtColumn<T extends { districtName: string }>(): Column<T> {
  return { header: 'Kreis', cell: (r) => r.districtName };
}

/** Adds the column "Kreis" after the first one (the record's reference) when `shown`. */
export function withDistrictColumn<T extends { districtName: string }>(columns: Column<T>[], shown: boolean): Column<T>[] {
  if (!shown) return columns;
  return [columns[0]!, districtColumn<T>(), ...columns.slice(1)];
}
