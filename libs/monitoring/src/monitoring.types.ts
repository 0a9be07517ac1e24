/**
 * The contract of the monitoring (issue 19, CONTRACT.md): the service, the API, the MONITORING
 * export, the web pages and the ANNUAL_REPORT read these shapes.
 */

export const MONITORING_GROUP_BY = ['fieldOfAction', 'socialArea', 'provider', 'year'] as const;
export type MonitoringGroupBy = (typeof MONITORING_GROUP_BY)[number];

/** The longest range of years one question may span (from and to included). */
export const MONITORING_MAX_YEARS = 10;

export interface MonitoringQuery {
  from: number;
  to: number;
  groupBy: MonitoringGroupBy;
  fieldOfAction?: string;
  socialArea?: string;
  providerId?: string;
}

/** One Kennzahl in one group: Ist (actual) against Soll (target). */
export interface IndicatorRow {
  /** Handlungsfeld code, Sozialraum code, Träger id, or the year ("2025"). */
  group: string;
  /** Its German name (the Träger's name; the year as "2025"). */
  groupLabel: string;
  /** The definition's code, e.g. CONSULTATIONS. */
  indicator: string;
  indicatorId: string;
  indicatorName: string;
  fieldOfAction: string;
  unit: string;
  aggregation: 'SUM' | 'AVERAGE';
  /** SUM: Σ of the reported values; AVERAGE: their mean over the reports, half-up to 2 places; 0 without reports. */
  actual: number;
  /** Soll: Kreis-wide, so only per year and per Handlungsfeld; null where none is set. */
  target: number | null;
  /** actual − target; null without a target. */
  deviation: number | null;
  /** Number of reported values (Sachberichte) behind `actual`. */
  reports: number;
}

/** A money figure split into Landesanteil and Kreisanteil, as decimal strings. */
export interface SourceShares {
  state: string;
  district: string;
}

/** Money in one group, all amounts as decimal strings ("1234.50"). */
export interface FundingRow {
  group: string;
  groupLabel: string;
  /** gebunden: COMMITMENT + COMMITMENT_CHANGE − RELEASE */
  committed: string;
  /** ausgezahlt: DISBURSEMENT_PAID (payouts in an executed payment file) */
  paid: string;
  /** nachgewiesen: the Zuwendung as festgesetzt in approved Festsetzungen */
  proven: string;
  /** zurückerhalten: RECOVERY_RECEIVED */
  recovered: string;
  /** zurückgefordert: RECOVERY_DUE */
  recoveriesDue: string;
  /** Bescheide/Verträge with a commitment in the group. */
  projects: number;
  shares: { committed: SourceShares; paid: SourceShares; proven: SourceShares; recovered: SourceShares };
}
