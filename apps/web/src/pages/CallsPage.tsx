/**
 * Projektaufrufe: the list for everybody (a Träger sees the published and closed ones), filtered,
 * sorted and paged on the server with the filter state in the URL; staff start a new call here.
 * The status shown is the API's `displayStatus`, so a call past its Ausschlussfrist reads
 * "Frist abgelaufen", never "veröffentlicht".
 */
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, call, type paths, type Schemas } from '../api/client';
import { useBudgetYears } from '../api/queries';
import { hasRole, mayAct, useCurrentUser } from '../auth/auth';
import { DataTable, FilterSelect } from '../components/table';
import { districtColumn, useShowsDistrict, useVisibleDistricts } from '../components/district';
import { Badge, Button, Money, PageTitle, QueryView } from '../components/ui';
import { formatDate } from '../lib/format';
import { CALL_STATUS, CALL_TONE, codeOf, label, optionsOf, tone } from '../lib/labels';

type Call = Schemas['CallDto'];
type DisplayStatus = Call['displayStatus'];
type CallQuery = NonNullable<paths['/api/v1/calls']['get']['parameters']['query']>;

const PAGE_SIZE = 25;

/** The sort orders offered, as the API's `sort=` names them. */
const CALL_SORT: Record<string, string> = {
  '-deadline': 'Ausschlussfrist, späteste zuerst',
  deadline: 'Ausschlussfrist, nächste zuerst',
  title: 'Titel (A–Z)',
  '-publishedAt': 'zuletzt veröffentlicht zuerst',
  '-createdAt': 'zuletzt angelegt zuerst',
};

/** The shown status as the API filters it: "veröffentlicht" means the deadline is still running. */
function statusQuery(status: DisplayStatus | ''): Pick<CallQuery, 'status' | 'deadlinePassed'> {
  switch (status) {
    case 'DRAFT':
      return { status: 'DRAFT' };
    case 'PUBLISHED':
      return { status: 'PUBLISHED', deadlinePassed: false };
    case 'DEADLINE_PASSED':
      return { status: 'PUBLISHED', deadlinePassed: true };
    case 'CLOSED':
      return { status: 'CLOSED' };
    default:
      return {};
  }
}

export function CallsPage() {
  const me = useCurrentUser();
  const kreis = hasRole(me, 'ADMIN', 'STAFF', 'APPROVER', 'AUDITOR');
  const mayCreate = mayAct(me, 'ADMIN', 'STAFF');
  const [params, setParams] = useSearchParams();
  const status = codeOf(CALL_STATUS, params.get('status'));
  const sort = codeOf(CALL_SORT, params.get('sortierung')) || '-deadline';
  const yearId = params.get('haushaltsjahr') ?? '';
  // One Kreis's calls (the Land's drill-down links here with ?districtId=…), and their column.
  const districtId = params.get('districtId') ?? '';
  const showsDistrict = useShowsDistrict();
  const districts = useVisibleDistricts(showsDistrict);
  const years = useBudgetYears(kreis); // a Träger may not read budget years (403); it has no year filter
  const set = (key: string, value: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  const list = useInfiniteQuery({
    queryKey: ['calls', 'page', status, sort, yearId, districtId],
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: Schemas['CallPageDto']) => last.nextCursor ?? undefined,
    queryFn: ({ pageParam }): Promise<Schemas['CallPageDto']> =>
      call(
        api.GET('/api/v1/calls', {
          params: { query: { limit: PAGE_SIZE, sort, ...statusQuery(status), ...(yearId ? { budgetYearId: yearId } : {}), ...(districtId ? { districtId } : {}), ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
  });
  // A Träger never sees drafts: the filter does not offer them.
  const statusOptions = optionsOf(CALL_STATUS).filter((o) => kreis || o.value !== 'DRAFT');

  return (
    <>
      <PageTitle subtitle={mayCreate ? 'Projektaufrufe anlegen, veröffentlichen, verlängern und schließen; Vergaberunden je Aufruf' : kreis ? 'Projektaufrufe der Kreise (nur lesend)' : 'Veröffentlichte Projektaufrufe des Landkreises'}>
        Projektaufrufe
      </PageTitle>
      {mayCreate ? (
        <div className="ff-actions">
          <Link className="kern-btn kern-btn--primary" to="/aufrufe/neu">
            <span className="kern-label">Neuer Projektaufruf</span>
          </Link>
        </div>
      ) : null}
      <div className="ff-filters" role="search" aria-label="Projektaufrufe filtern">
        <FilterSelect label="Status" value={status} onChange={(v) => set('status', v)} options={statusOptions} />
        {showsDistrict ? <FilterSelect label="Kreis" value={districtId} onChange={(v) => set('districtId', v)} options={(districts.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))} /> : null}
        {kreis ? (
          <FilterSelect
            label="Haushaltsjahr"
            value={yearId}
            onChange={(v) => set('haushaltsjahr', v)}
            options={(years.data ?? []).map((y) => ({ value: y.id, label: showsDistrict ? `${y.year} – ${y.districtName}` : String(y.year) }))}
          />
        ) : null}
        <FilterSelect label="Sortierung" value={sort} all={null} onChange={(v) => set('sortierung', v === '-deadline' ? '' : v)} options={optionsOf(CALL_SORT)} />
      </div>
      <QueryView query={{ data: list.data, error: list.error, isPending: list.isPending }}>
        {(data) => {
          const items = data.pages.flatMap((p) => p.items);
          return (
            <>
              <DataTable<Call>
                caption="Projektaufrufe"
                testId="calls"
                rows={items}
                rowKey={(c) => c.id}
                empty={status || yearId || districtId ? 'Keine Projektaufrufe zu diesem Filter.' : mayCreate ? 'Noch keine Projektaufrufe. Legen Sie den ersten mit „Neuer Projektaufruf“ an.' : kreis ? 'Noch keine Projektaufrufe.' : 'Zurzeit gibt es keine veröffentlichten Projektaufrufe.'}
                columns={[
                  {
                    header: 'Aufruf',
                    rowHeader: true,
                    cell: (c) => (
                      <Link className="kern-link" to={`/aufrufe/${c.id}`}>
                        {c.title}
                      </Link>
                    ),
                  },
                  ...(showsDistrict ? [districtColumn<Call>()] : []),
                  // The status next to the title: on a phone the table scrolls, and "Frist abgelaufen" must be seen first.
                  { header: 'Status', cell: (c) => <Badge tone={tone(CALL_TONE, c.displayStatus)}>{label(CALL_STATUS, c.displayStatus)}</Badge> },
                  { header: 'Haushaltsjahr', cell: (c) => c.budgetYear ?? '–' },
                  {
                    header: 'Einreichung',
                    cell: (c) => (
                      <>
                        {formatDate(c.openingDate)} – {formatDate(c.deadline)}
                        {c.originalDeadline ? <span className="kern-body--muted"> (verlängert)</span> : null}
                      </>
                    ),
                  },
                  { header: 'Richtwert', numeric: true, cell: (c) => (c.budgetIndication === null ? '–' : <Money value={c.budgetIndication} />) },
                  ...(kreis
                    ? [
                        {
                          header: 'Vergaberunde',
                          cell: (c: Call) => (
                            <Link className="kern-link" to={`/aufrufe/${c.id}/vergaberunde`}>
                              Vergaberunde öffnen<span className="kern-sr-only">: {c.title}</span>
                            </Link>
                          ),
                        },
                      ]
                    : []),
                ]}
              />
              {list.hasNextPage ? (
                <div className="ff-actions">
                  <Button variant="secondary" onClick={() => void list.fetchNextPage()} busy={list.isFetchingNextPage}>
                    Weitere laden
                  </Button>
                </div>
              ) : null}
            </>
          );
        }}
      </QueryView>
    </>
  );
}
