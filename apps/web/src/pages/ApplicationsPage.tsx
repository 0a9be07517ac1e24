import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, call, type Schemas } from '../api/client';
import { useCalls } from '../api/queries';
import { hasRole, useCurrentUser } from '../auth/auth';
import { Alert, Badge, Empty, Money, PageTitle, QueryView, TableWrap } from '../components/ui';
import { formatDate, todayIso } from '../lib/format';
import { APPLICATION_STATUS, APPLICATION_TONE, codeOf, label, optionsOf, tone } from '../lib/labels';


export function ApplicationsPage() {
  const me = useCurrentUser();
  const provider = hasRole(me, 'PROVIDER');
  const [status, setStatus] = useState<Schemas['ApplicationDto']['status'] | ''>('');
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const list = useQuery({
    queryKey: ['applications', status, search],
    queryFn: () =>
      call(api.GET('/api/v1/applications', { params: { query: { limit: 200, ...(status ? { status } : {}), ...(search ? { q: search } : {}) } } })),
  });
  const calls = useCalls('PUBLISHED');
  const today = todayIso();
  const open = (calls.data ?? []).filter((c) => c.openForApplications);
  // A published call that opens later: the Träger learns when the next chance to apply comes.
  const next = (calls.data ?? []).filter((c) => !c.deadlinePassed && c.openingDate > today).sort((a, b) => a.openingDate.localeCompare(b.openingDate))[0];
  return (
    <>
      <PageTitle subtitle={provider ? 'Die Anträge Ihrer Organisation' : 'Alle Anträge'}>Anträge</PageTitle>
      {provider && open.length > 0 ? (
        <div className="ff-actions">
          {open.map((c) => (
            <Link key={c.id} className="kern-btn kern-btn--primary" to={`/antraege/neu?aufruf=${c.id}`}>
              <span className="kern-label">Neuen Antrag stellen: {c.title} (Frist {formatDate(c.deadline)})</span>
            </Link>
          ))}
        </div>
      ) : null}
      {provider && !calls.isPending && open.length === 0 ? (
        <Alert type="info" title="Zurzeit ist kein Projektaufruf offen">
          <p className="kern-body" data-testid="no-open-call">
            Anträge können nur zu einem veröffentlichten Projektaufruf bis zu seiner Ausschlussfrist gestellt werden.{' '}
            {next ? `Der nächste Projektaufruf „${next.title}“ öffnet am ${formatDate(next.openingDate)}.` : 'Wann der nächste Aufruf erscheint, steht noch nicht fest.'}
          </p>
        </Alert>
      ) : null}
      <form
        className="ff-filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setSearch(q.trim());
        }}
      >
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="f-status">Status</label>
          <div className="kern-form-input__select-wrapper">
            <select id="f-status" className="kern-form-input__select" value={status} onChange={(e) => setStatus(codeOf(APPLICATION_STATUS, e.target.value))}>
              <option value="">alle</option>
              {optionsOf(APPLICATION_STATUS).map((o) => (
                <option key={o.value} value={o.value}>{o.label}</option>
              ))}
            </select>
          </div>
        </div>
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="f-q">Suche (Titel oder Antragsnummer)</label>
          <input id="f-q" className="kern-form-input__input" value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
        <div>
          <button type="submit" className="kern-btn kern-btn--secondary"><span className="kern-label">Suchen</span></button>
        </div>
      </form>
      <QueryView query={list}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>Keine Anträge gefunden.</Empty>
          ) : (
            <TableWrap label="Anträge">
              <table className="kern-table kern-table--small" data-testid="applications">
                <caption className="kern-sr-only">Anträge</caption>
                <thead className="kern-table__head">
                  <tr className="kern-table__row">
                    <th className="kern-table__header" scope="col">Antrag</th>
                    <th className="kern-table__header" scope="col">Titel</th>
                    {provider ? null : <th className="kern-table__header" scope="col">Träger</th>}
                    <th className="kern-table__header" scope="col">Zeitraum</th>
                    <th className="kern-table__header" scope="col">Status</th>
                    <th className="kern-table__header kern-table__header--numeric" scope="col">Beantragt</th>
                  </tr>
                </thead>
                <tbody className="kern-table__body">
                  {page.items.map((a) => (
                    <tr className="kern-table__row" key={a.id}>
                      <td className="kern-table__cell"><Link className="kern-link" to={`/antraege/${a.id}`}>{a.reference}</Link></td>
                      <td className="kern-table__cell">{a.title}</td>
                      {provider ? null : <td className="kern-table__cell">{a.providerName}</td>}
                      <td className="kern-table__cell">{formatDate(a.periodStart)} – {formatDate(a.periodEnd)}</td>
                      <td className="kern-table__cell"><Badge tone={tone(APPLICATION_TONE, a.status)}>{label(APPLICATION_STATUS, a.status)}</Badge></td>
                      <td className="kern-table__cell kern-table__cell--numeric"><Money value={a.totals.requestedAmount} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )
        }
      </QueryView>
    </>
  );
}
