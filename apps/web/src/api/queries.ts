/** Shared queries (reference data, lists) so pages reuse one cache entry. */
import { useQuery } from '@tanstack/react-query';
import { FUNDING_KIND, INCOME_CATEGORY } from '../lib/labels';
import { all, api, call, type Schemas } from './client';

const DAY = 24 * 60 * 60 * 1000;

export function useCostCategories() {
  return useQuery({ queryKey: ['ref', 'cost-categories'], staleTime: DAY, queryFn: () => call(api.GET('/api/v1/reference/cost-categories')) });
}

export function useFieldsOfAction() {
  return useQuery({ queryKey: ['ref', 'fields-of-action'], staleTime: DAY, queryFn: () => call(api.GET('/api/v1/reference/fields-of-action')) });
}

/** Active Kennzahlen (issue 19); with a Handlungsfeld only its own. */
export function useIndicators(fieldOfAction?: string, includeInactive = false) {
  return useQuery({
    queryKey: ['indicators', fieldOfAction ?? null, includeInactive],
    queryFn: () => call(api.GET('/api/v1/indicators', { params: { query: { fieldOfAction, includeInactive } } })),
  });
}

export function useSocialAreas() {
  return useQuery({ queryKey: ['ref', 'social-areas'], staleTime: DAY, queryFn: () => call(api.GET('/api/v1/reference/social-areas')) });
}

/**
 * Every call in one list, for choosing one (a Träger's new Antrag, the start page); the list pages
 * of the calls themselves page with the cursor. Whether a call is open comes from the API
 * (`openForApplications`, `deadlinePassed`), never from the browser's clock.
 */
export function useCalls(status?: 'DRAFT' | 'PUBLISHED' | 'CLOSED') {
  return useQuery({
    queryKey: ['calls', status ?? 'all'],
    queryFn: () => all((cursor) => call(api.GET('/api/v1/calls', { params: { query: { limit: 200, ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) } } }))),
  });
}

export function useCall(id: string | null | undefined) {
  return useQuery({ queryKey: ['call', id], enabled: !!id, queryFn: () => call(api.GET('/api/v1/calls/{id}', { params: { path: { id: id! } } })) });
}

/** Arten von Anlagen; `requirable` ones a Projektaufruf may name as Pflichtanlage. */
export function useAttachmentKinds() {
  return useQuery({ queryKey: ['ref', 'attachment-kinds'], staleTime: DAY, queryFn: () => call(api.GET('/api/v1/reference/attachment-kinds')) });
}

/** The budget years (Kreis side only: `enabled` false for a Träger, whom the API refuses the list). */
export function useBudgetYears(enabled = true) {
  return useQuery({ queryKey: ['budget-years'], enabled, queryFn: () => call(api.GET('/api/v1/budget-years')) });
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
  // Income lines of a Belegliste carry Finanzierungsarten where Kostenarten stand: still German.
  return list?.find((x) => x.code === code)?.name ?? INCOME_CATEGORY[code] ?? FUNDING_KIND[code] ?? code;
}

export function useDecision(id: string | null | undefined) {
  return useQuery({
    queryKey: ['decision', id],
    enabled: !!id,
    queryFn: () => call(api.GET('/api/v1/decisions/{id}', { params: { path: { id: id! } } })),
  });
}

/** Decisions in force that grant money (the ones a Träger draws on and proves). */
export function useGrantsInForce() {
  return useQuery({
    queryKey: ['decisions', 'IN_FORCE'],
    queryFn: () => call(api.GET('/api/v1/decisions', { params: { query: { limit: 200, status: ['IN_FORCE'] } } })),
    select: (page) => page.items.filter((d) => d.outcome === 'GRANT'),
  });
}

/** The lines of the approved Kosten- und Finanzierungsplan of a decision version; none without a version. */
export type PlanLines = Pick<Schemas['ApprovedPlanDto'], 'costLines' | 'personnelPositions' | 'fundingLines'>;

export function approvedPlan(version: Pick<Schemas['DecisionVersionDto'], 'approvedPlan'> | null | undefined): PlanLines {
  return version?.approvedPlan ?? { costLines: [], personnelPositions: [], fundingLines: [] };
}
