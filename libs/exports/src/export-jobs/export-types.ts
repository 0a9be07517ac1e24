/** The export types of issue 9, by their API code. */
export const EXPORT_TYPES = ['APPROVALS', 'PAYMENTS', 'PLAN_ACTUAL', 'RECEIPTS', 'PROOF_REVIEW', 'RECOVERIES', 'BUDGET', 'STATE_PROOF', 'AUDIT_LOG', 'MONITORING'] as const;
export type ExportType = (typeof EXPORT_TYPES)[number];

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_STATUSES = ['QUEUED', 'RUNNING', 'COMPLETED', 'FAILED'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

/** Filters as the API takes them; each type accepts some of them (EXPORT_TYPE_INFO). */
export interface ExportFilters {
  budgetYearId?: string;
  providerId?: string;
  decisionId?: string;
  proofId?: string;
  /** YYYY-MM-DD, inclusive. */
  from?: string;
  /** YYYY-MM-DD, inclusive; for RECOVERIES and PAYMENTS also the day interest is computed to. */
  to?: string;
  /** MONITORING (issue 19): first and last year of the range, grouping and the monitoring page's filters. */
  fromYear?: number;
  toYear?: number;
  groupBy?: 'fieldOfAction' | 'socialArea' | 'provider' | 'year';
  fieldOfAction?: string;
  socialArea?: string;
}

export type ExportFilterKey = keyof ExportFilters;
export const EXPORT_FILTER_KEYS: readonly ExportFilterKey[] = ['budgetYearId', 'providerId', 'decisionId', 'proofId', 'from', 'to', 'fromYear', 'toYear', 'groupBy', 'fieldOfAction', 'socialArea'];

export interface ExportTypeInfo {
  /** German name, as on the Info sheet. */
  readonly label: string;
  /** Start of the German file name (no spaces). */
  readonly fileStem: string;
  /** Name of the data sheet (≤ 31 characters). */
  readonly sheetName: string;
  /** Whether a Träger (PROVIDER) may request it (always restricted to its own records). */
  readonly forProviders: boolean;
  readonly filters: readonly ExportFilterKey[];
  readonly required: readonly ExportFilterKey[];
  /** What `from`/`to` refer to, for the Info sheet and the API description. */
  readonly periodMeaning?: string;
}

export const EXPORT_TYPE_INFO: { readonly [T in ExportType]: ExportTypeInfo } = {
  APPROVALS: {
    label: 'Bewilligungsliste',
    fileStem: 'Bewilligungsliste',
    sheetName: 'Bewilligungsliste',
    forProviders: true,
    filters: ['budgetYearId', 'providerId', 'decisionId', 'from', 'to'],
    required: [],
    periodMeaning: 'Bescheid-/Vertragsdatum',
  },
  PAYMENTS: {
    label: 'Zahlungsübersicht',
    fileStem: 'Zahlungsübersicht',
    sheetName: 'Zahlungsübersicht',
    forProviders: true,
    filters: ['budgetYearId', 'providerId', 'decisionId', 'from', 'to'],
    required: [],
    periodMeaning: 'Abrufdatum; Zinsen § 49a (4) bis zum Ende des Zeitraums, sonst bis heute',
  },
  PLAN_ACTUAL: {
    label: 'Mittelübersicht Soll/Ist',
    fileStem: 'Mittelübersicht_Soll-Ist',
    sheetName: 'Soll-Ist',
    forProviders: true,
    filters: ['budgetYearId', 'providerId', 'decisionId'],
    required: [],
  },
  RECEIPTS: {
    label: 'Belegliste',
    fileStem: 'Belegliste',
    sheetName: 'Belegliste',
    forProviders: true,
    filters: ['budgetYearId', 'providerId', 'decisionId', 'proofId', 'from', 'to'],
    required: [],
    periodMeaning: 'Zahlungsdatum',
  },
  PROOF_REVIEW: {
    label: 'Prüfvermerk',
    fileStem: 'Prüfvermerk',
    sheetName: 'Prüfvermerk',
    forProviders: false,
    filters: ['budgetYearId', 'providerId', 'decisionId', 'proofId'],
    required: [],
  },
  RECOVERIES: {
    label: 'Rückforderungen und Zinsen',
    fileStem: 'Rückforderungen_und_Zinsen',
    sheetName: 'Rückforderungen',
    forProviders: true,
    filters: ['budgetYearId', 'providerId', 'decisionId', 'to'],
    required: [],
    periodMeaning: 'Stichtag der Zinsberechnung (Ende des Zeitraums, sonst heute)',
  },
  BUDGET: {
    label: 'Haushaltsübersicht',
    fileStem: 'Haushaltsübersicht',
    sheetName: 'Haushaltsübersicht',
    forProviders: false,
    filters: ['budgetYearId'],
    required: ['budgetYearId'],
  },
  STATE_PROOF: {
    label: 'Kreis-Verwendungsnachweis',
    fileStem: 'Kreis-Verwendungsnachweis',
    sheetName: 'Verwendungsnachweis',
    forProviders: false,
    filters: ['budgetYearId'],
    required: ['budgetYearId'],
  },
  AUDIT_LOG: {
    label: 'Audit-Protokoll',
    fileStem: 'Audit-Protokoll',
    sheetName: 'Audit-Protokoll',
    forProviders: false,
    filters: ['from', 'to'],
    required: [],
    periodMeaning: 'Zeitpunkt des Ereignisses',
  },
  MONITORING: {
    label: 'Monitoring (Geld und Kennzahlen)',
    fileStem: 'Monitoring',
    sheetName: 'Geld',
    forProviders: true,
    filters: ['fromYear', 'toYear', 'groupBy', 'fieldOfAction', 'socialArea', 'providerId'],
    required: [],
  },
};

/** German labels of the filters (Info sheet, error messages). */
export const FILTER_LABELS: { readonly [K in ExportFilterKey]: string } = {
  budgetYearId: 'Haushaltsjahr',
  providerId: 'Träger',
  decisionId: 'Bewilligung',
  proofId: 'Verwendungsnachweis',
  from: 'Zeitraum von',
  to: 'Zeitraum bis',
  fromYear: 'Jahr von',
  toYear: 'Jahr bis',
  groupBy: 'Gruppierung',
  fieldOfAction: 'Handlungsfeld',
  socialArea: 'Sozialraum',
};

export const EXPORT_STATUS_LABELS: { readonly [S in ExportStatus]: string } = {
  QUEUED: 'wartet',
  RUNNING: 'läuft',
  COMPLETED: 'fertig',
  FAILED: 'fehlgeschlagen',
};

export const CONTENT_TYPES: { readonly [F in ExportFormat]: string } = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/**
 * The German download name: `<Stem>[_<Haushaltsjahr>]_<Anforderungsdatum>.<ext>`, e.g.
 * `Bewilligungsliste_2026_2026-11-25.xlsx`. Umlauts stay (the api sends an RFC 5987 `filename*`
 * and an ASCII fallback); nothing in it comes from user input but the year.
 */
export function exportFileName(type: ExportType, format: ExportFormat, requestedOn: string, year: number | null): string {
  const parts = [EXPORT_TYPE_INFO[type].fileStem, ...(year !== null ? [String(year)] : []), requestedOn];
  return `${parts.join('_')}.${format}`;
}

/** ASCII form of a file name for the plain `filename=` parameter (ä → ae, …). */
export function asciiFileName(name: string): string {
  return name
    .replace(/Ä/g, 'Ae')
    .replace(/Ö/g, 'Oe')
    .replace(/Ü/g, 'Ue')
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^A-Za-z0-9._-]/g, '_');
}

/** Storage key of an export's file. */
export function exportFileKey(id: string, format: ExportFormat): string {
  return `exports/${id}.${format}`;
}
