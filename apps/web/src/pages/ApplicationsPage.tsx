import { Link } from 'react-router';
import { api, call, type Schemas } from '../api/client';
import { useCalls } from '../api/queries';
import { hasRole, useCurrentUser } from '../auth/auth';
import { ListFilters, LoadMore, useListQuery } from '../components/lists';
import { DataTable, type Column } from '../components/table';
import { useShowsDistrict, withDistrictColumn } from '../components/district';
import { Alert, Badge, Money, PageTitle, QueryView } from '../components/ui';
import { formatDate, todayIso } from '../lib/format';
import { APPLICATION_STATUS, APPLICATION_TONE, label, tone } from '../lib/labels';

type A = Schemas['ApplicationDto'];

export function ApplicationsPage() {
  const me = useCurrentUser();
  const provider = hasRole(me, 'PROVIDER');
  const list = useListQuery({
    key: 'applications',
    filters: ['q', 'status', 'providerId', 'fieldOfAction', 'socialArea', 'budgetYear', 'assigneeId', 'districtId'],
    sortKeys: ['reference', 'title', 'providerName', 'periodStart', 'status', 'requestedAmount', 'submittedAt'],
    defaultSort: 'reference',
    statuses: APPLICATION_STATUS,
    fetchPage: (query) => call(api.GET('/api/v1/applications', { params: { query } })),
  });
  const calls = useCalls('PUBLISHED');
  const today = todayIso();
  const open = (calls.data ?? []).filter((c) => c.openForApplications);
  // A published call that opens later: the Träger learns when the next chance to apply comes.
  const next = (calls.data ?? []).filter((c) => !c.deadlinePassed && c.openingDate > today).sort((a, b) => a.openingDate.localeCompare(b.openingDate))[0];
  const showsDistrict = useShowsDistrict();
  const columns: Column<A>[] = withDistrictColumn<A>([
    { header: 'Antrag', sortKey: 'reference', cell: (a) => <Link className="kern-link" to={`/antraege/${a.id}`}>{a.reference}</Link> },
    { header: 'Titel', sortKey: 'title', cell: (a) => a.title },
    ...(provider ? [] : [{ header: 'Träger', sortKey: 'providerName', cell: (a: A) => a.providerName }]),
    { header: 'Zeitraum', sortKey: 'periodStart', cell: (a) => `${formatDate(a.periodStart)} – ${formatDate(a.periodEnd)}` },
    { header: 'Status', sortKey: 'status', cell: (a) => <Badge tone={tone(APPLICATION_TONE, a.status)}>{label(APPLICATION_STATUS, a.status)}</Badge> },
    { header: 'Beantragt', sortKey: 'requestedAmount', numeric: true, cell: (a) => <Money value={a.totals.requestedAmount} /> },
  ], showsDistrict);
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
      <ListFilters list={list} searchLabel="Suche (Titel oder Antragsnummer)" />
      <QueryView query={list.query}>
        {(rows) => <DataTable caption="Anträge" testId="applications" rows={rows} rowKey={(a) => a.id} columns={columns} sort={list.sort} empty="Keine Anträge gefunden." />}
      </QueryView>
      <LoadMore list={list} one="Antrag" many="Anträge" />
    </>
  );
}
