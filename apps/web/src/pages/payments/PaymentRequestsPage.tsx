/** Mittelabrufe: the Träger's own with their status; for the Kreis all of them, to check and approve. */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, call, type Schemas } from '../../api/client';
import { useGrantsInForce } from '../../api/queries';
import { hasRole, useCurrentUser } from '../../auth/auth';
import { DataTable, FilterSelect } from '../../components/table';
import { Badge, Money, PageTitle, QueryView } from '../../components/ui';
import { formatDate, formatDateTime } from '../../lib/format';
import { codeOf, label, optionsOf, PAYMENT_STATUS, PAYMENT_TONE, tone } from '../../lib/labels';


export function PaymentRequestTable({ items, provider, caption = 'Mittelabrufe' }: { items: Schemas['PaymentRequestDto'][]; provider: boolean; caption?: string }) {
  return (
    <DataTable
      caption={caption}
      testId="payment-requests"
      rows={items}
      rowKey={(r) => r.id}
      empty="Keine Mittelabrufe."
      columns={[
        { header: 'Abruf-Nr.', cell: (r) => <Link className="kern-link" to={`/mittelabrufe/${r.id}`}>{r.reference}</Link> },
        ...(provider ? [] : [{ header: 'Träger', cell: (r: Schemas['PaymentRequestDto']) => r.providerName ?? '–' }]),
        { header: 'Status', cell: (r) => <Badge tone={tone(PAYMENT_TONE, r.status)}>{label(PAYMENT_STATUS, r.status)}</Badge> },
        { header: 'Angefordert', numeric: true, cell: (r) => <Money value={r.requestedAmount} /> },
        { header: 'Geprüft', numeric: true, cell: (r) => <Money value={r.checkedAmount} /> },
        { header: 'Wertstellung', cell: (r) => formatDate(r.requestedValueDate) },
        { header: 'Eingereicht', cell: (r) => formatDateTime(r.submittedAt) },
        { header: 'Ausgezahlt am', cell: (r) => formatDate(r.paidOn) },
      ]}
    />
  );
}

export function PaymentRequestsPage() {
  const me = useCurrentUser();
  const provider = hasRole(me, 'PROVIDER');
  const [params, setParams] = useSearchParams();
  const status = codeOf(PAYMENT_STATUS, params.get('status'));
  const [decisionId, setDecisionId] = useState('');
  const grants = useGrantsInForce();
  const list = useQuery({
    queryKey: ['payment-requests', status, decisionId],
    queryFn: () =>
      call(
        api.GET('/api/v1/payment-requests', {
          params: { query: { limit: 200, ...(status ? { status } : {}), ...(decisionId ? { decisionId } : {}) } },
        }),
      ),
  });
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
      <div className="ff-filters">
        <FilterSelect
          label="Status"
          value={status}
          onChange={(v) => setParams(v ? { status: v } : {}, { replace: true })}
          options={optionsOf(PAYMENT_STATUS)}
        />
        <FilterSelect label="Bescheid" value={decisionId} onChange={setDecisionId} options={(grants.data ?? []).map((d) => ({ value: d.id, label: `${d.reference}${provider ? '' : ` – ${d.providerName ?? ''}`}` }))} />
      </div>
      <QueryView query={list}>{(page) => <PaymentRequestTable items={page.items} provider={provider} />}</QueryView>
    </>
  );
}
