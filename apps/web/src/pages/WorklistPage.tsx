import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, call } from '../api/client';
import { Badge, Empty, PageTitle, QueryView, TableWrap } from '../components/ui';
import { daysBetween, formatDate, formatDateTime, todayIso } from '../lib/format';
import { label, WORKLIST_KIND } from '../lib/labels';

export function WorklistPage() {
  return (
    <>
      <PageTitle subtitle="Was auf mich wartet, nach Frist geordnet">Arbeitsliste</PageTitle>
      <WorklistTable />
    </>
  );
}

export function WorklistTable() {
  const query = useQuery({ queryKey: ['worklist'], queryFn: () => call(api.GET('/api/v1/worklist')) });
  const today = todayIso();
  return (
    <QueryView query={query}>
      {(items) =>
        items.length === 0 ? (
          <Empty>Nichts zu tun. Alle Vorgänge sind bearbeitet.</Empty>
        ) : (
          <TableWrap label="Arbeitsliste">
            <table className="kern-table kern-table--small" data-testid="worklist">
              <caption className="kern-sr-only">Arbeitsliste</caption>
              <thead className="kern-table__head">
                <tr className="kern-table__row">
                  <th className="kern-table__header" scope="col">Frist</th>
                  <th className="kern-table__header" scope="col">Vorgang</th>
                  <th className="kern-table__header" scope="col">Träger</th>
                  <th className="kern-table__header" scope="col">Aufgabe</th>
                  <th className="kern-table__header" scope="col">Seit</th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {[...items]
                  .sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999'))
                  .map((w) => {
                    const href = w.entity === 'Decision' ? `/bescheide/${w.id}` : `/antraege/${w.id}/pruefung`;
                    const overdue = w.dueDate ? daysBetween(today, w.dueDate) < 0 : false;
                    return (
                      <tr className="kern-table__row" key={`${w.kind}-${w.id}`}>
                        <td className="kern-table__cell">
                          {formatDate(w.dueDate)} {overdue ? <Badge tone="danger">überfällig</Badge> : null}
                        </td>
                        <td className="kern-table__cell">
                          <Link className="kern-link" to={href}>
                            {w.reference}: {w.title}
                          </Link>
                        </td>
                        <td className="kern-table__cell">{w.providerName}</td>
                        <td className="kern-table__cell">{w.action || label(WORKLIST_KIND, w.kind)}</td>
                        <td className="kern-table__cell">{formatDateTime(w.since)}</td>
                      </tr>
                    );
                  })}
              </tbody>
            </table>
          </TableWrap>
        )
      }
    </QueryView>
  );
}
