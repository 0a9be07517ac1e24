/** Mittelabrufe: the Träger's own with their status; for the Kreis all of them, to check and approve (one by one or several at once). */
import { useState } from 'react';
import { Link } from 'react-router';
import { can } from '../../api/actions';
import { api, call, type Schemas } from '../../api/client';
import { useGrantsInForce } from '../../api/queries';
import { hasRole, useCurrentUser } from '../../auth/auth';
import { ListFilters, LoadMore, useListQuery } from '../../components/lists';
import { DataTable, type Column, type SortControl } from '../../components/table';
import { districtColumn, useShowsDistrict } from '../../components/district';
import { Badge, Money, PageTitle, QueryView } from '../../components/ui';
import { formatDate, formatDateTime } from '../../lib/format';
import { label, PAYMENT_STATUS, PAYMENT_TONE, tone } from '../../lib/labels';
import { BulkApproval, BulkApprovalResult } from './BulkApproval';

type R = Schemas['PaymentRequestDto'];

/** Rows the caller may tick for a bulk step, and what is ticked. */
export interface RowSelection {
  selectable: (r: R) => boolean;
  selected: readonly string[];
  toggle: (id: string) => void;
}

export function PaymentRequestTable({
  items,
  provider,
  caption = 'Mittelabrufe',
  sort,
  selection,
}: {
  items: R[];
  provider: boolean;
  caption?: string;
  sort?: SortControl;
  selection?: RowSelection;
}) {
  const showsDistrict = useShowsDistrict();
  const columns: Column<R>[] = [
    ...(selection
      ? [
          {
            header: <span className="kern-sr-only">Auswahl</span>,
            cell: (r: R) =>
              selection.selectable(r) ? (
                <div className="kern-form-check">
                  <input className="kern-form-check__checkbox" type="checkbox" id={`sel-${r.id}`} checked={selection.selected.includes(r.id)} onChange={() => selection.toggle(r.id)} />
                  <label className="kern-label" htmlFor={`sel-${r.id}`}>
                    <span className="kern-sr-only">{r.reference} auswählen</span>
                  </label>
                </div>
              ) : null,
          },
        ]
      : []),
    { header: 'Abruf-Nr.', sortKey: 'reference', className: 'ff-nowrap', cell: (r) => <Link className="kern-link" to={`/mittelabrufe/${r.id}`}>{r.reference}</Link> },
    ...(showsDistrict ? [districtColumn<R>()] : []),
    ...(provider ? [] : [{ header: 'Träger', sortKey: 'providerName', cell: (r: R) => r.providerName ?? '–' }]),
    { header: 'Status', sortKey: 'status', cell: (r) => <Badge tone={tone(PAYMENT_TONE, r.status)}>{label(PAYMENT_STATUS, r.status)}</Badge> },
    { header: 'Angefordert', sortKey: 'requestedAmount', numeric: true, cell: (r) => <Money value={r.requestedAmount} /> },
    { header: 'Geprüft', sortKey: 'checkedAmount', numeric: true, cell: (r) => <Money value={r.checkedAmount} /> },
    { header: 'Wertstellung', sortKey: 'requestedValueDate', cell: (r) => formatDate(r.requestedValueDate) },
    { header: 'Eingereicht', sortKey: 'submittedAt', cell: (r) => formatDateTime(r.submittedAt) },
    { header: 'Ausgezahlt am', cell: (r) => formatDate(r.paidOn) },
  ];
  return <DataTable caption={caption} testId="payment-requests" rows={items} rowKey={(r) => r.id} empty="Keine Mittelabrufe." sort={sort} columns={columns} />;
}

export function PaymentRequestsPage() {
  const me = useCurrentUser();
  const provider = hasRole(me, 'PROVIDER');
  const grants = useGrantsInForce();
  const list = useListQuery({
    key: 'payment-requests',
    filters: ['status', 'providerId', 'decisionId', 'fieldOfAction', 'socialArea', 'budgetYear', 'dueAfter', 'dueBefore', 'districtId'],
    sortKeys: ['reference', 'providerName', 'status', 'requestedAmount', 'checkedAmount', 'requestedValueDate', 'submittedAt', 'createdAt'],
    defaultSort: 'reference',
    statuses: PAYMENT_STATUS,
    dueLabel: 'Wertstellung',
    fetchPage: (query) => call(api.GET('/api/v1/payment-requests', { params: { query } })),
  });
  const [selected, setSelected] = useState<string[]>([]);
  const [bulkResult, setBulkResult] = useState<Schemas['BulkApprovalResultDto'] | null>(null);
  // Only what the API offers to approve can be ticked; a tick on a row that is no longer listed does not count.
  const approvable = list.items.filter((r) => can(r, 'approve'));
  const ticked = approvable.filter((r) => selected.includes(r.id));
  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  return (
    <>
      <PageTitle subtitle={provider ? 'Mittel aus Ihren Bescheiden und Verträgen abrufen' : 'Mittelabrufe der Träger prüfen und zur Auszahlung freigeben'}>Mittelabrufe</PageTitle>
      {provider ? (
        <div className="ff-actions">
          {(grants.data ?? []).map((d) => (
            <Link key={d.id} className="kern-btn kern-btn--primary" to={`/mittelabrufe/neu?bescheid=${d.id}`}>
              <span className="kern-label">Mittel abrufen: {d.reference}</span>
            </Link>
          ))}
        </div>
      ) : null}
      <ListFilters list={list} decisions={(grants.data ?? []).map((d) => ({ value: d.id, label: `${d.reference}${provider ? '' : ` – ${d.providerName ?? ''}`}` }))} />
      {bulkResult ? <BulkApprovalResult result={bulkResult} /> : null}
      {approvable.length > 0 ? <BulkApproval selected={ticked} allSelectable={approvable} onSelect={setSelected} onResult={setBulkResult} /> : null}
      <QueryView query={list.query}>
        {(rows) => (
          <PaymentRequestTable
            items={rows}
            provider={provider}
            sort={list.sort}
            selection={approvable.length > 0 ? { selectable: (r) => can(r, 'approve'), selected, toggle } : undefined}
          />
        )}
      </QueryView>
      <LoadMore list={list} one="Mittelabruf" many="Mittelabrufe" />
    </>
  );
}
