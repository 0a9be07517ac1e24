import { Link } from 'react-router';
import { api, call, type Schemas } from '../api/client';
import { hasRole, useCurrentUser } from '../auth/auth';
import { ListFilters, LoadMore, useListQuery } from '../components/lists';
import { DataTable, type Column } from '../components/table';
import { useShowsDistrict, withDistrictColumn } from '../components/district';
import { Badge, Money, PageTitle, QueryView } from '../components/ui';
import { DECISION_STATUS, DECISION_TONE, INSTRUMENT, label, OUTCOME, tone } from '../lib/labels';

type D = Schemas['DecisionSummaryDto'];

export function DecisionsPage() {
  const me = useCurrentUser();
  const provider = hasRole(me, 'PROVIDER');
  const list = useListQuery({
    key: 'decisions',
    filters: ['status', 'providerId', 'fieldOfAction', 'socialArea', 'budgetYear', 'dueAfter', 'dueBefore', 'assigneeId', 'districtId'],
    sortKeys: ['reference', 'providerName', 'status', 'maxAmount', 'disbursedAmount', 'proofDue', 'createdAt'],
    defaultSort: 'reference',
    statuses: DECISION_STATUS,
    dueLabel: 'VN-Frist',
    fetchPage: (query) => call(api.GET('/api/v1/decisions', { params: { query } })),
  });
  const showsDistrict = useShowsDistrict();
  const columns: Column<D>[] = withDistrictColumn<D>([
    { header: 'Zeichen', sortKey: 'reference', cell: (d) => <Link className="kern-link" to={`/bescheide/${d.id}`}>{d.reference}</Link> },
    ...(provider ? [] : [{ header: 'Träger', sortKey: 'providerName', cell: (d: D) => d.providerName ?? '–' }]),
    { header: 'Vorhaben', cell: (d) => d.title ?? '–' },
    { header: 'Form', cell: (d) => label(INSTRUMENT, d.instrument) },
    { header: 'Ergebnis', cell: (d) => label(OUTCOME, d.outcome) },
    { header: 'Status', sortKey: 'status', cell: (d) => <Badge tone={tone(DECISION_TONE, d.status)}>{label(DECISION_STATUS, d.status)}</Badge> },
    { header: 'Höchstbetrag', sortKey: 'maxAmount', numeric: true, cell: (d) => <Money value={d.maxAmount} /> },
    { header: 'ausgezahlt', sortKey: 'disbursedAmount', numeric: true, cell: (d) => <Money value={d.disbursedAmount} /> },
    { header: 'Fassung', cell: (d) => d.currentVersionNo ?? '–' },
  ], showsDistrict);
  return (
    <>
      <PageTitle subtitle={provider ? 'Bescheide und Verträge Ihrer Organisation' : 'Alle Bescheide, Verträge und Ablehnungen'}>Bescheide</PageTitle>
      <ListFilters list={list} />
      <QueryView query={list.query}>
        {(rows) => <DataTable caption="Bescheide" testId="decisions" rows={rows} rowKey={(d) => d.id} columns={columns} sort={list.sort} empty="Keine Entscheidungen gefunden." />}
      </QueryView>
      <LoadMore list={list} one="Entscheidung" many="Entscheidungen" />
    </>
  );
}
