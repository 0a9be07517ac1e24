import { type Scope, systemScope } from '@foerderfluss/core';
import type { TransactionRunner } from '@foerderfluss/database';
import type { BudgetFiguresService } from '@foerderfluss/funding';
import type { MonitoringService } from '@foerderfluss/monitoring';
import type { FundUseService } from '@foerderfluss/payments';
import type { RecoveriesService, StateProofsService } from '@foerderfluss/proof-of-use';
import type { ExportColumn } from '../../columns';
import type { ExtraSheet, InfoLine } from '../../xlsx-writer';
import type { ExportFilters, ExportType } from '../export-types';

/** Everything a definition needs to build its query; fixed when the worker starts the export. */
export interface ExportRunContext {
  readonly filters: ExportFilters;
  /**
   * The Träger the export is restricted to (PROVIDER requests), or null. Definitions never read it
   * themselves: they apply it through export-rows.repository.ts (`decisionScope`, `reviewHidden`, `showsWorkingFigures`),
   * independent of `filters.providerId`.
   */
  readonly organisationId: string | null;
  /**
   * The Kreis of a Kreis user's request (issue 20), or null (the Land, the system, a Träger). The
   * snapshot's transaction hands it to row-level security, so no definition can read another
   * Kreis's rows; computed figures read with `exportScope(ctx)`.
   */
  readonly districtId?: string | null;
  /** Business time zone, for timestamps that become dates (Antragseingang, audit events). */
  readonly timeZone: string;
  /** YYYY-MM-DD in the business time zone when the export started. */
  readonly today: string;
  /** The day computed figures (interest) refer to (Stichtag): `filters.to` if given, else today. */
  readonly asOf: string;
}

/** Services for figures that are computed, not stored (interest, the Kreis's settlement, the budget figures). */
export interface ExportServices {
  /** Reads outside the cursor's snapshot (computed figures load their own inputs). */
  readonly tx: TransactionRunner;
  readonly recoveries: RecoveriesService;
  readonly fundUse: FundUseService;
  readonly stateProofs: StateProofsService;
  /** The budget figures of a year (BUDGET, STATE_PROOF): the same the pages show. */
  readonly figures: BudgetFiguresService;
  /** Monitoring figures (MONITORING): the same the monitoring API answers. */
  readonly monitoring: MonitoringService;
}

export interface ExportQuery {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** An extra line on the Info sheet (e.g. the result of the Kreis's Verwendungsnachweis). */
export type SummaryItem = InfoLine;

export type ExportRow = Record<string, unknown>;

/**
 * One export type: its columns, the SQL that yields its rows in order (streamed through a cursor),
 * and optionally computed figures added per batch and a summary for the Info sheet.
 */
export interface ExportDefinition {
  readonly type: ExportType;
  readonly columns: readonly ExportColumn<ExportRow>[];
  query(ctx: ExportRunContext): ExportQuery;
  /** Adds computed values to the rows of one batch, in place (between the cursor and the writer). */
  enrich?(rows: ExportRow[], ctx: ExportRunContext, services: ExportServices): Promise<void>;
  summary?(ctx: ExportRunContext, services: ExportServices): Promise<SummaryItem[]>;
  /** Further small tables after the data sheet (xlsx only; a CSV file holds the data sheet alone). */
  extraSheets?(ctx: ExportRunContext, services: ExportServices): Promise<ExtraSheet[]>;
}

/** Collects positional parameters: `p.add(value)` returns `$n`. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export function whereClause(parts: readonly string[]): string {
  return parts.length === 0 ? '' : `WHERE ${parts.join(' AND ')}`;
}

/** SQL expression: a timestamptz as the calendar day in the business zone. */
export function localDate(p: SqlParams, ctx: ExportRunContext, expr: string): string {
  return `(${expr} AT TIME ZONE ${p.add(ctx.timeZone)}::text)::date`;
}

/** SQL CASE mapping codes to German labels; unknown codes pass through. */
export function labelCase(expr: string, labels: Readonly<Record<string, string>>): string {
  const whens = Object.entries(labels).map(([code, label]) => `WHEN '${code.replace(/'/g, "''")}' THEN '${label.replace(/'/g, "''")}'`);
  return `CASE ${expr} ${whens.join(' ')} ELSE ${expr} END`;
}

export const FINANCING_TYPE_LABELS = {
  SHARE: 'Anteilfinanzierung',
  DEFICIT: 'Fehlbedarfsfinanzierung',
  FULL: 'Vollfinanzierung',
  FIXED: 'Festbetragsfinanzierung',
} as const;

export const INSTRUMENT_LABELS = { BESCHEID: 'Bescheid', VERTRAG: 'Vertrag' } as const;

export const DECISION_STATUS_LABELS = {
  PROPOSED: 'vorgeschlagen',
  RETURNED: 'zurückgegeben',
  IN_FORCE: 'in Kraft',
  REJECTED: 'abgelehnt',
  REVOKED: 'widerrufen',
  CLOSED: 'abgeschlossen',
} as const;

export const PAYMENT_REQUEST_STATUS_LABELS = {
  DRAFT: 'Entwurf',
  SUBMITTED: 'eingereicht',
  CHECKED: 'geprüft',
  APPROVED: 'freigegeben',
  PAID: 'ausgezahlt',
  REJECTED: 'abgelehnt',
  WITHDRAWN: 'zurückgezogen',
} as const;

export const RECEIPT_REVIEW_LABELS = { OPEN: 'offen', RECOGNISED: 'anerkannt', REDUCED: 'gekürzt', REFUSED: 'nicht anerkannt' } as const;

export const SAMPLE_REASON_LABELS = { RISK_FLAG: 'risikoorientiert (Auffälligkeit)', RISK_AMOUNT: 'risikoorientiert (Betrag)', RANDOM: 'Zufallsauswahl' } as const;

/** Kostenarten of income receipts (the funding kinds). */
export const INCOME_CATEGORY_LABELS = { OWN_FUNDS: 'Eigenmittel', THIRD_PARTY: 'Drittmittel', REVENUE: 'Einnahmen' } as const;

export const RECOVERY_STATUS_LABELS = { OPEN: 'offen', PARTIALLY_PAID: 'teilweise beglichen', SETTLED: 'beglichen' } as const;

export const PROOF_KIND_LABELS = { FINAL: 'Verwendungsnachweis', INTERIM: 'Zwischennachweis' } as const;

/** The scope the computed figures of an export read with: the system's, narrowed to the requester's Kreis. */
export function exportScope(ctx: ExportRunContext): Scope {
  return { ...systemScope(), districtId: ctx.districtId ?? null };
}
