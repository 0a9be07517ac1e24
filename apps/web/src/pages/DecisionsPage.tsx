import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, call, type Schemas } from '../api/client';
import { hasRole, useCurrentUser } from '../auth/auth';
import { Badge, Empty, PageTitle, QueryView, TableWrap } from '../components/ui';
import { codeOf, DECISION_STATUS, DECISION_TONE, INSTRUMENT, label, OUTCOME, tone } from '../lib/labels';

export function DecisionsPage() {
  const me = useCurrentUser();
  const provider = hasRole(me, 'PROVIDER');
  const [status, setStatus] = useState<Schemas['DecisionDto']['status'] | ''>('');
  const list = useQuery({
    queryKey: ['decisions', status],
    queryFn: () => call(api.GET('/api/v1/decisions', { params: { query: { limit: 200, ...(status ? { status } : {}) } } })),
  });
  return (
    <>
      <PageTitle subtitle={provider ? 'Bescheide und Verträge Ihrer Organisation' : 'Alle Bescheide, Verträge und Ablehnungen'}>Bescheide</PageTitle>
      <div className="ff-filters">
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="d-status">Status</label>
          <div className="kern-form-input__select-wrapper">
            <select id="d-status" className="kern-form-input__select" value={status} onChange={(e) => setStatus(codeOf(DECISION_STATUS, e.target.value))}>
              <option value="">alle</option>
              {Object.entries(DECISION_STATUS).map(([v, l]) => <option key={v} value={v}>{l}</option>)}
            </select>
          </div>
        </div>
      </div>
      <QueryView query={list}>
        {(page) =>
          page.items.length === 0 ? <Empty>Keine Entscheidungen gefunden.</Empty> : (
            <TableWrap label="Bescheide">
              <table className="kern-table kern-table--small" data-testid="decisions">
                <caption className="kern-sr-only">Bescheide</caption>
                <thead className="kern-table__head"><tr className="kern-table__row"><th className="kern-table__header" scope="col">Zeichen</th>{provider ? null : <th className="kern-table__header" scope="col">Träger</th>}<th className="kern-table__header" scope="col">Form</th><th className="kern-table__header" scope="col">Ergebnis</th><th className="kern-table__header" scope="col">Status</th><th className="kern-table__header" scope="col">Fassung</th></tr></thead>
                <tbody className="kern-table__body">
                  {page.items.map((d) => (
                    <tr className="kern-table__row" key={d.id}>
                      <td className="kern-table__cell"><Link className="kern-link" to={`/bescheide/${d.id}`}>{d.reference}</Link></td>
                      {provider ? null : <td className="kern-table__cell">{d.providerName}</td>}
                      <td className="kern-table__cell">{label(INSTRUMENT, d.instrument)}</td>
                      <td className="kern-table__cell">{label(OUTCOME, d.outcome)}</td>
                      <td className="kern-table__cell"><Badge tone={tone(DECISION_TONE, d.status)}>{label(DECISION_STATUS, d.status)}</Badge></td>
                      <td className="kern-table__cell">{d.currentVersionNo ?? '–'}</td>
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
