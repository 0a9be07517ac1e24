import { Link } from 'react-router';
import { useCalls } from '../api/queries';
import { Badge, Empty, PageTitle, QueryView, TableWrap } from '../components/ui';
import { CALL_STATUS, CALL_TONE, label, tone } from '../lib/labels';
import { formatDate } from '../lib/format';

export function CallsPage() {
  const calls = useCalls();
  return (
    <>
      <PageTitle subtitle="Projektaufrufe und ihre Vergaberunden">Aufrufe und Vergaberunden</PageTitle>
      <QueryView query={calls}>
        {(list) => list.length === 0 ? <Empty>Noch keine Projektaufrufe.</Empty> : (
          <TableWrap label="Projektaufrufe">
            <table className="kern-table kern-table--small">
              <caption className="kern-sr-only">Projektaufrufe</caption>
              <thead className="kern-table__head"><tr className="kern-table__row"><th className="kern-table__header" scope="col">Aufruf</th><th className="kern-table__header" scope="col">Einreichung</th><th className="kern-table__header" scope="col">Pflichtanlagen</th><th className="kern-table__header" scope="col">Status</th><th className="kern-table__header" scope="col">Vergaberunde</th></tr></thead>
              <tbody className="kern-table__body">
                {list.map((c) => (
                  <tr className="kern-table__row" key={c.id}>
                    <td className="kern-table__cell">{c.title}</td>
                    <td className="kern-table__cell">{formatDate(c.openingDate)} – {formatDate(c.deadline)}</td>
                    <td className="kern-table__cell">{c.requiredAttachmentKinds.map((k) => k.kindLabel).join(', ') || 'keine'}</td>
                    <td className="kern-table__cell"><Badge tone={tone(CALL_TONE, c.status)}>{label(CALL_STATUS, c.status)}</Badge></td>
                    <td className="kern-table__cell"><Link className="kern-link" to={`/aufrufe/${c.id}/vergaberunde`}>Vergaberunde öffnen<span className="kern-sr-only">: {c.title}</span></Link></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </QueryView>
    </>
  );
}
