import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { can } from '../api/actions';
import { api, call } from '../api/client';
import { hasRole, useCurrentUser } from '../auth/auth';
import { Badge, Empty, Loading, PageTitle, ProblemAlert, TableWrap } from '../components/ui';
import { daysBetween, formatDate, formatDateTime, formatMoney, todayIso } from '../lib/format';
import { label, WORKLIST_KIND } from '../lib/labels';

export function WorklistPage() {
  return (
    <>
      <PageTitle subtitle="Was auf mich wartet, nach Frist geordnet">Arbeitsliste</PageTitle>
      <WorklistTable />
    </>
  );
}

interface Task {
  key: string;
  due: string | null;
  href: string;
  title: string;
  providerName: string;
  action: string;
  since: string | null;
}

function hrefOf(entity: string, id: string): string {
  if (entity === 'Decision') return `/bescheide/${id}`;
  if (entity === 'PaymentRequest') return `/mittelabrufe/${id}`;
  if (entity === 'Recovery') return `/rueckforderungen/${id}`;
  return `/antraege/${id}/pruefung`;
}

/**
 * The API's worklist (applications, decisions, payment requests) plus what waits in the
 * Verwendungsnachweis: submitted proofs to check, checked proofs to settle, and Festsetzungen
 * waiting for the second pair of eyes.
 */
function useTasks() {
  const me = useCurrentUser();
  const staff = hasRole(me, 'ADMIN', 'STAFF');
  const approver = hasRole(me, 'ADMIN', 'APPROVER');
  const worklist = useQuery({ queryKey: ['worklist'], queryFn: () => call(api.GET('/api/v1/worklist')) });
  const proofs = useQuery({
    queryKey: ['proofs', 'worklist'],
    enabled: staff,
    queryFn: () => call(api.GET('/api/v1/proofs-of-use', { params: { query: { limit: 200 } } })),
  });
  const settlements = useQuery({ queryKey: ['settlements', 'all'], enabled: staff || approver, queryFn: () => call(api.GET('/api/v1/settlements')) });
  const tasks: Task[] = (worklist.data ?? []).map((w) => ({
    key: `${w.kind}-${w.id}`,
    due: w.dueDate,
    href: hrefOf(w.entity, w.id),
    title: `${w.reference}: ${w.title}`,
    providerName: w.providerName,
    action: w.action || label(WORKLIST_KIND, w.kind),
    since: w.since,
  }));
  // What the caller may do next comes from each record's `allowedActions` (roles and four eyes included).
  for (const p of proofs.data?.items ?? []) {
    const base = { due: null, title: `${p.reference}`, providerName: p.providerName ?? '', since: p.submittedAt };
    if (can(p, 'startReview')) tasks.push({ ...base, key: `proof-${p.id}`, href: `/nachweise/${p.id}/pruefung`, action: 'Verwendungsnachweis prüfen' });
    if (can(p, 'completeReview')) tasks.push({ ...base, key: `proof-${p.id}`, href: `/nachweise/${p.id}/pruefung`, action: 'Prüfung des Verwendungsnachweises abschließen' });
    if (can(p, 'proposeSettlement')) tasks.push({ ...base, key: `proof-${p.id}`, href: `/nachweise/${p.id}/pruefung`, action: 'Festsetzung vorschlagen' });
  }
  for (const s of settlements.data ?? []) {
    if (can(s, 'approve')) {
      tasks.push({ key: `settlement-${s.id}`, due: null, href: `/festsetzungen/${s.id}`, title: `Festsetzung über ${formatMoney(s.finalGrant)}`, providerName: '', action: 'Festsetzung freigeben (Vier-Augen-Prinzip)', since: null });
    }
  }
  tasks.sort((a, b) => (a.due ?? '9999').localeCompare(b.due ?? '9999') || (a.since ?? '').localeCompare(b.since ?? ''));
  return { tasks, isPending: worklist.isPending, error: worklist.error ?? proofs.error ?? settlements.error };
}

export function WorklistTable() {
  const { tasks, isPending, error } = useTasks();
  const today = todayIso();
  if (error) return <ProblemAlert error={error} title="Laden fehlgeschlagen" />;
  if (isPending) return <Loading />;
  if (tasks.length === 0) return <Empty>Nichts zu tun. Alle Vorgänge sind bearbeitet.</Empty>;
  return (
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
          {tasks.map((w) => {
            const overdue = w.due ? daysBetween(today, w.due) < 0 : false;
            return (
              <tr className="kern-table__row" key={w.key}>
                <td className="kern-table__cell">
                  {formatDate(w.due)} {overdue ? <Badge tone="danger">überfällig</Badge> : null}
                </td>
                <td className="kern-table__cell">
                  <Link className="kern-link" to={w.href}>
                    {w.title}
                  </Link>
                </td>
                <td className="kern-table__cell">{w.providerName || '–'}</td>
                <td className="kern-table__cell">{w.action}</td>
                <td className="kern-table__cell">{formatDateTime(w.since)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}
