import { type Money } from '@foerderfluss/core';
import { type BudgetFigures, LedgerKind, type SourceAmounts } from '@foerderfluss/funding';
import { exportScope, type ExportDefinition, SqlParams } from './common';

interface Position {
  readonly label: string;
  /** The figure of BudgetFiguresService this position shows; Land money alone has no Kreis column. */
  readonly figure: (f: BudgetFigures) => SourceAmounts | { state: Money; district: null };
  /** The ledger entries behind the figure (none for a figure derived from others). */
  readonly kinds: readonly LedgerKind[];
}

const landOnly = (m: Money) => ({ state: m, district: null });

/**
 * The positions of the Haushaltsübersicht, in order. Each is one figure of the budget figures
 * service, the same the Haushalt page, the Vergaberunde and the Landesnachweis show (definitions in
 * docs/architecture.md, "Budget figures"); the export computes none of them itself.
 */
export const BUDGET_POSITIONS: readonly Position[] = [
  { label: 'Bereitgestellt (Zuweisung des Landes, Eigenanteil des Kreises)', figure: (f) => f.allocated, kinds: [LedgerKind.ALLOCATION] },
  { label: 'Gebunden durch erlassene Bescheide und Verträge', figure: (f) => f.committed, kinds: [LedgerKind.COMMITMENT, LedgerKind.COMMITMENT_CHANGE, LedgerKind.RELEASE] },
  { label: 'Vorgeschlagen, noch nicht erlassen', figure: (f) => f.proposed, kinds: [] },
  { label: 'Frei (bereitgestellt − gebunden)', figure: (f) => f.freeToCommit, kinds: [] },
  { label: 'Frei nach den Vorschlägen (frei − vorgeschlagen)', figure: (f) => f.freeAfterProposals, kinds: [] },
  { label: 'Angewiesen, noch nicht ausgezahlt', figure: (f) => f.approvedNotPaid, kinds: [] },
  { label: 'Ausgezahlt an Träger (ausgeführte Zahlungsdateien)', figure: (f) => f.paid, kinds: [LedgerKind.DISBURSEMENT_PAID] },
  { label: 'Gebunden, noch nicht angewiesen', figure: (f) => f.notYetApproved, kinds: [] },
  { label: 'Rückforderungen festgesetzt', figure: (f) => f.recoveriesDue, kinds: [LedgerKind.RECOVERY_DUE] },
  { label: 'Rückforderungen eingegangen', figure: (f) => f.recoveriesReceived, kinds: [LedgerKind.RECOVERY_RECEIVED] },
  { label: 'Rückforderungen offen', figure: (f) => f.recoveriesOpen, kinds: [] },
  { label: 'Vom Land erhalten (Mittelabrufe beim Land)', figure: (f) => landOnly(f.receivedFromState), kinds: [LedgerKind.STATE_DRAWDOWN] },
  { label: 'An das Land erstattet', figure: (f) => landOnly(f.refundedToState), kinds: [LedgerKind.STATE_REFUND] },
];

/**
 * Haushaltsübersicht of a budget year: the budget figures by source (Land, Kreis), each position
 * with the number of ledger entries behind it. The SQL yields only the position numbers; the
 * figures come from BudgetFiguresService (`enrich`), so the export and the pages cannot disagree.
 *
 * No totals row: the positions are stages of the same money (allocated ⊇ committed ⊇ paid), a column
 * sum over them would mean nothing.
 */
export const BUDGET: ExportDefinition = {
  type: 'BUDGET',
  columns: [
    { header: 'Nr.', key: 'position_no', type: 'integer', width: 6 },
    { header: 'Position', key: 'position', type: 'text', width: 52 },
    { header: 'Land', key: 'state', type: 'money' },
    { header: 'Kreis', key: 'district', type: 'money' },
    { header: 'Gesamt', key: 'total', type: 'money' },
    { header: 'Buchungen', key: 'entries', type: 'integer' },
  ],

  query() {
    const p = new SqlParams();
    const numbers = p.add(BUDGET_POSITIONS.map((_, i) => i + 1));
    return { sql: `SELECT position_no FROM unnest(${numbers}::int[]) AS position_no ORDER BY position_no`, params: p.values };
  },

  async enrich(rows, ctx, services) {
    const yearId = ctx.filters.budgetYearId!;
    const figures = await services.figures.figures(exportScope(ctx), yearId);
    const counts = await services.figures.entryCounts(exportScope(ctx), yearId);
    for (const row of rows) {
      const position = BUDGET_POSITIONS[Number(row.position_no) - 1]!;
      const value = position.figure(figures);
      row.position = position.label;
      row.state = value.state.toApiString();
      row.district = value.district?.toApiString() ?? null;
      row.total = value.district ? value.state.plus(value.district).toApiString() : value.state.toApiString();
      row.entries = position.kinds.length > 0 ? position.kinds.reduce((n, k) => n + (counts[k] ?? 0), 0) : null;
    }
  },
};
