/**
 * The Land's overview of its Kreise (issue 20): the five figures of `GET /api/v1/districts`, their
 * German names, the year in the address (`/land?jahr=2026`) and the short name a chart axis can
 * hold. Pure functions, tested without a browser.
 */
import { apiToCents } from './decimal';

/** The figures per Kreis and year, in the order money flows: Land → Kreis → Träger → Nachweis → back to the Land. */
export const DISTRICT_FIGURES = ['allocated', 'drawn', 'paidToProviders', 'proven', 'refunded'] as const;
export type DistrictFigure = (typeof DISTRICT_FIGURES)[number];

/** Decimal strings; null where the caller may not see a Kreis's money (a Träger). */
export type DistrictFigures = Record<DistrictFigure, string | null>;

export const DISTRICT_FIGURE_LABELS: Record<DistrictFigure, string> = {
  allocated: 'zugewiesen',
  drawn: 'vom Land abgerufen',
  paidToProviders: 'an Träger ausgezahlt',
  proven: 'nachgewiesen',
  refunded: 'an das Land erstattet',
};

/** What each figure means, for the explanation under the table. */
export const DISTRICT_FIGURE_HINTS: Record<DistrictFigure, string> = {
  allocated: 'Zuweisung des Landes, solange keine erteilt ist die Landesmittel im Haushaltsjahr des Kreises',
  drawn: 'beim Land abgerufene und eingegangene Mittel',
  paidToProviders: 'an die Träger ausgezahlte Zuwendungen',
  proven: 'vom Land festgesetzte Zuwendung, vorher der eingereichte Landesanteil des Kreises',
  refunded: 'an das Land zurückgezahlte Beträge',
};

/** The year the address names (`?jahr=2026`), else undefined: the API then takes the current one. */
export function yearFromParams(params: URLSearchParams): number | undefined {
  const raw = params.get('jahr');
  if (!raw || !/^\d{4}$/.test(raw)) return undefined;
  return Number(raw);
}

/** The years to choose from: a few around the one shown (and the current), newest first. */
export function districtYearOptions(shown: number, current: number): number[] {
  const top = Math.max(shown, current) + 1;
  const bottom = Math.min(shown, current) - 4;
  const years: number[] = [];
  for (let y = top; y >= bottom; y--) years.push(y);
  return years;
}

/** "Landkreis Greiz – Landratsamt" → "Landkreis Greiz": the authority's suffix does not fit a chart axis. */
export function shortDistrictName(name: string): string {
  return name.split(/\s+[–-]\s+/)[0]!.trim() || name;
}

/** Euros as a number, for drawing a bar only (null → 0); every figure a person reads is formatted from the string. */
export function barEuros(value: string | null): number {
  return Number(apiToCents(value) ?? 0n) / 100;
}

/** Whether the caller sees the Kreis's money at all (a Träger gets null figures). */
export function hasFigures(row: DistrictFigures): boolean {
  return DISTRICT_FIGURES.some((k) => row[k] !== null);
}

/** Zuweisungsbescheid of the Land (state_grant): draft → proposed → issued. */
export const STATE_GRANT_STATUS: Record<'DRAFT' | 'PROPOSED' | 'ISSUED', string> = { DRAFT: 'Entwurf', PROPOSED: 'zum Erlass vorgeschlagen', ISSUED: 'erlassen' };
export const STATE_GRANT_TONE: Record<string, 'info' | 'success' | 'warning' | 'danger'> = { DRAFT: 'info', PROPOSED: 'warning', ISSUED: 'success' };

/** A Kreis's Mittelabruf at the Land. */
export const LAND_DRAWDOWN_STATUS: Record<'REQUESTED' | 'RECEIVED', string> = { REQUESTED: 'abgerufen', RECEIVED: 'eingegangen' };

/** The Land's review of a Kreis's Verwendungsnachweis. */
export const STATE_PROOF_REVIEW_STATUS: Record<'IN_REVIEW' | 'PROPOSED' | 'SETTLED' | 'CLOSED', string> = {
  IN_REVIEW: 'in Prüfung',
  PROPOSED: 'Festsetzung vorgeschlagen',
  SETTLED: 'festgesetzt',
  CLOSED: 'abgeschlossen',
};
export const STATE_PROOF_REVIEW_TONE: Record<string, 'info' | 'success' | 'warning' | 'danger'> = { IN_REVIEW: 'info', PROPOSED: 'warning', SETTLED: 'success', CLOSED: 'success' };
