/** Shared queries (reference data, lists) so pages reuse one cache entry. */
import { useQuery } from '@tanstack/react-query';
import { api, call } from './client';

const DAY = 24 * 60 * 60 * 1000;

export function useCostCategories() {
  return useQuery({ queryKey: ['ref', 'cost-categories'], staleTime: DAY, queryFn: () => call(api.GET('/api/v1/reference/cost-categories')) });
}

export function useFieldsOfAction() {
  return useQuery({ queryKey: ['ref', 'fields-of-action'], staleTime: DAY, queryFn: () => call(api.GET('/api/v1/reference/fields-of-action')) });
}

export function useSocialAreas() {
  return useQuery({ queryKey: ['ref', 'social-areas'], staleTime: DAY, queryFn: () => call(api.GET('/api/v1/reference/social-areas')) });
}

export function useCalls(status?: 'DRAFT' | 'PUBLISHED' | 'CLOSED') {
  return useQuery({ queryKey: ['calls', status ?? 'all'], queryFn: () => call(api.GET('/api/v1/calls', { params: { query: status ? { status } : {} } })) });
}

export function useBudgetYears() {
  return useQuery({ queryKey: ['budget-years'], queryFn: () => call(api.GET('/api/v1/budget-years')) });
}

export function useApplication(id: string) {
  return useQuery({ queryKey: ['application', id], queryFn: () => call(api.GET('/api/v1/applications/{id}', { params: { path: { id } } })) });
}

export function useOrganisation(id: string | null | undefined) {
  return useQuery({
    queryKey: ['organisation', id],
    enabled: !!id,
    queryFn: () => call(api.GET('/api/v1/organisations/{id}', { params: { path: { id: id! } } })),
  });
}

/** A code → name lookup for reference lists. */
export function nameOf(list: { code: string; name: string }[] | undefined, code: string | null | undefined): string {
  if (!code) return '–';
  return list?.find((x) => x.code === code)?.name ?? code;
}
