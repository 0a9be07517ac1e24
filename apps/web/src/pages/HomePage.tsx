import { useQuery } from '@tanstack/react-query';
import { Link, Navigate } from 'react-router';
import { can } from '../api/actions';
import { api, call } from '../api/client';
import { useCalls } from '../api/queries';
import { hasRole, isStateLevel, useCurrentUser } from '../auth/auth';
import { Badge, Empty, Loading, Money, PageTitle, ProblemAlert, Section, TableWrap } from '../components/ui';
import { daysBetween, formatDate, todayIso } from '../lib/format';
import { APPLICATION_STATUS, APPLICATION_TONE, DECISION_STATUS, DECISION_TONE, INSTRUMENT, label, tone } from '../lib/labels';
import { PaymentRequestTable } from './payments/PaymentRequestsPage';
import { deadlineLabel } from './proofs/ProofsPage';
import { WorklistTable } from './WorklistPage';

export function HomePage() {
  const me = useCurrentUser();
  if (hasRole(me, 'PROVIDER')) return <ProviderHome />;
  // The Land's users start on their overview of all Kreise.
  if (isStateLevel(me)) return <Navigate to="/land" replace />;
  return <KreisHome />;
}

function KreisHome() {
  const me = useCurrentUser();
  const works = hasRole(me, 'STAFF', 'APPROVER', 'ADMIN');
  return (
    <>
      <PageTitle subtitle={`Angemeldet als ${me.displayName}`}>Start</PageTitle>
      {works ? (
        <Section title="Was auf mich wartet" actions={<Link className="kern-link" to="/arbeitsliste">Zur Arbeitsliste</Link>}>
          <WorklistTable />
        </Section>
      ) : null}
      <Section title="Schnellzugriff">
        <ul className="kern-list">
          <li><Link className="kern-link" to="/antraege">Anträge</Link></li>
          <li><Link className="kern-link" to="/bescheide">Bescheide</Link></li>
          <li><Link className="kern-link" to="/mittelabrufe">Mittelabrufe</Link>{works ? <> und <Link className="kern-link" to="/auszahlungen">Auszahlungen (SEPA)</Link></> : null}</li>
          <li><Link className="kern-link" to="/nachweise">Verwendungsnachweise</Link>, <Link className="kern-link" to="/festsetzungen">Festsetzungen</Link> und <Link className="kern-link" to="/rueckforderungen">Rückforderungen</Link></li>
          <li><Link className="kern-link" to="/haushalt">Haushalt und Mittelbindung</Link></li>
          <li><Link className="kern-link" to="/landesnachweis">Verwendungsnachweis an das Land</Link></li>
          <li><Link className="kern-link" to="/land/zuweisungen">Zuweisungen des Landes</Link> und <Link className="kern-link" to="/land">Landesmittel Ihres Kreises</Link></li>
          <li><Link className="kern-link" to="/exporte">Exporte (Excel, CSV)</Link></li>
          {hasRole(me, 'ADMIN', 'AUDITOR') ? <li><Link className="kern-link" to="/protokoll">Protokoll mit Prüfung der Hash-Kette</Link></li> : null}
          <li><Link className="kern-link" to="/rechner">Rechner (Zuwendung, Zinsen, Mittelabruf, Fristen)</Link></li>
        </ul>
      </Section>
    </>
  );
}

function ProviderHome() {
  const me = useCurrentUser();
  const applications = useQuery({ queryKey: ['applications', 'own'], queryFn: () => call(api.GET('/api/v1/applications', { params: { query: { limit: 100 } } })) });
  const decisions = useQuery({ queryKey: ['decisions', 'own'], queryFn: () => call(api.GET('/api/v1/decisions', { params: { query: { limit: 100 } } })) });
  const proofDeadlines = useQuery({ queryKey: ['proof-deadlines', false], queryFn: () => call(api.GET('/api/v1/proofs-of-use/deadlines', { params: { query: {} } })) });
  const payments = useQuery({ queryKey: ['payment-requests', '', ''], queryFn: () => call(api.GET('/api/v1/payment-requests', { params: { query: { limit: 200 } } })) });
  const recoveries = useQuery({
    queryKey: ['recoveries', 'own'],
    queryFn: () => call(api.GET('/api/v1/recoveries', { params: { query: { limit: 200 } } })),
    select: (page) => page.items,
  });
  const calls = useCalls('PUBLISHED');
  const today = todayIso();
  // What the Träger still has to (re)submit: the API offers `submit` on drafts and returned applications.
  const openRequests = (applications.data?.items ?? []).filter((a) => can(a, 'submit'));
  const openCalls = (calls.data ?? []).filter((c) => c.openForApplications);
  const deadlines: { what: string; due: string; href: string; done: boolean; overdue: boolean }[] = [];
  for (const d of proofDeadlines.data ?? []) {
    const done = d.proofStatus !== null && d.proofStatus !== 'DRAFT';
    deadlines.push({ what: `${deadlineLabel(d)} ${d.decisionReference}`, due: d.due, href: d.proofId ? `/nachweise/${d.proofId}` : '/nachweise', done, overdue: d.overdue });
  }
  for (const r of recoveries.data ?? []) {
    if (r.status !== 'SETTLED') deadlines.push({ what: `Rückforderung ${r.reference}`, due: r.dueDate, href: `/rueckforderungen/${r.id}`, done: false, overdue: daysBetween(today, r.dueDate) < 0 });
  }
  for (const c of openCalls) deadlines.push({ what: `Antragsfrist: ${c.title}`, due: c.deadline, href: `/antraege/neu?aufruf=${c.id}`, done: false, overdue: false });
  deadlines.sort((a, b) => Number(a.done) - Number(b.done) || a.due.localeCompare(b.due));
  const grants = (decisions.data?.items ?? []).filter((d) => d.status === 'IN_FORCE' && d.outcome === 'GRANT');
  const recentPayments = [...(payments.data?.items ?? [])].filter((r) => r.status !== 'WITHDRAWN').slice(-5).reverse();

  return (
    <>
      <PageTitle subtitle={`Angemeldet als ${me.displayName}`}>Start</PageTitle>
      <Section title="Offene Anfragen und Entwürfe">
        {applications.error ? <ProblemAlert error={applications.error} /> : null}
        {applications.isPending ? <Loading /> : openRequests.length === 0 ? <Empty>Keine offenen Anfragen.</Empty> : (
          <ul className="kern-list" data-testid="open-requests">
            {openRequests.map((a) => (
              <li key={a.id}>
                <Link className="kern-link" to={`/antraege/${a.id}`}>{a.reference}: {a.title}</Link>{' '}
                <Badge tone={tone(APPLICATION_TONE, a.status)}>{label(APPLICATION_STATUS, a.status)}</Badge>
                {a.status === 'CHANGES_REQUESTED' ? ' – bitte beantworten und erneut einreichen' : ''}
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="Fristen" actions={<Link className="kern-link" to="/nachweise">Alle Verwendungsnachweise</Link>}>
        {proofDeadlines.error ? <ProblemAlert error={proofDeadlines.error} /> : null}
        {deadlines.length === 0 ? <Empty>Keine anstehenden Fristen.</Empty> : (
          <TableWrap label="Fristen">
            <table className="kern-table kern-table--small">
              <caption className="kern-sr-only">Fristen</caption>
              <thead className="kern-table__head"><tr className="kern-table__row"><th className="kern-table__header" scope="col">Was</th><th className="kern-table__header" scope="col">Fällig am</th><th className="kern-table__header" scope="col">Stand</th></tr></thead>
              <tbody className="kern-table__body">
                {deadlines.map((d) => {
                  const days = daysBetween(today, d.due);
                  return (
                    <tr className="kern-table__row" key={d.what}>
                      <td className="kern-table__cell"><Link className="kern-link" to={d.href}>{d.what}</Link></td>
                      <td className="kern-table__cell">{formatDate(d.due)}</td>
                      <td className="kern-table__cell">{d.done ? <Badge tone="success">eingereicht</Badge> : d.overdue || days < 0 ? <Badge tone="danger">überfällig seit {-days} Tagen</Badge> : days <= 30 ? <Badge tone="warning">in {days} Tagen</Badge> : `in ${days} Tagen`}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableWrap>
        )}
      </Section>
      <Section
        title="Mittelabrufe"
        actions={grants.length > 0 ? <Link className="kern-btn kern-btn--primary" to={grants.length === 1 ? `/mittelabrufe/neu?bescheid=${grants[0]!.id}` : '/mittelabrufe/neu'}><span className="kern-label">Mittel abrufen</span></Link> : undefined}
      >
        {payments.isPending ? <Loading /> : <PaymentRequestTable items={recentPayments} provider caption="Letzte Mittelabrufe" />}
        <p className="kern-body"><Link className="kern-link" to="/mittelabrufe">Alle Mittelabrufe</Link></p>
      </Section>
      <Section title="Meine Anträge" actions={openCalls.length > 0 ? <Link className="kern-btn kern-btn--primary" to={`/antraege/neu?aufruf=${openCalls[0]!.id}`}><span className="kern-label">Neuen Antrag stellen</span></Link> : undefined}>
        {applications.isPending ? <Loading /> : (applications.data?.items.length ?? 0) === 0 ? <Empty>Sie haben noch keine Anträge gestellt.</Empty> : (
          <TableWrap label="Meine Anträge">
            <table className="kern-table kern-table--small">
              <caption className="kern-sr-only">Meine Anträge</caption>
              <thead className="kern-table__head"><tr className="kern-table__row"><th className="kern-table__header" scope="col">Antrag</th><th className="kern-table__header" scope="col">Titel</th><th className="kern-table__header" scope="col">Status</th><th className="kern-table__header kern-table__header--numeric" scope="col">Beantragt</th></tr></thead>
              <tbody className="kern-table__body">
                {applications.data!.items.map((a) => (
                  <tr className="kern-table__row" key={a.id}>
                    <td className="kern-table__cell"><Link className="kern-link" to={`/antraege/${a.id}`}>{a.reference}</Link></td>
                    <td className="kern-table__cell">{a.title}</td>
                    <td className="kern-table__cell"><Badge tone={tone(APPLICATION_TONE, a.status)}>{label(APPLICATION_STATUS, a.status)}</Badge></td>
                    <td className="kern-table__cell kern-table__cell--numeric"><Money value={a.totals.requestedAmount} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </Section>
      <Section title="Meine Bescheide und Verträge">
        {decisions.isPending ? <Loading /> : (decisions.data?.items.length ?? 0) === 0 ? <Empty>Noch keine Entscheidungen.</Empty> : (
          <ul className="kern-list">
            {decisions.data!.items.map((d) => (
              <li key={d.id}>
                <Link className="kern-link" to={`/bescheide/${d.id}`}>{d.reference}</Link> · {label(INSTRUMENT, d.instrument)} · <Badge tone={tone(DECISION_TONE, d.status)}>{label(DECISION_STATUS, d.status)}</Badge>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}
