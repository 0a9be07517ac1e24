/**
 * Verwendungsnachweise: the deadlines (final VN and Zwischennachweise, overdue flagged) with the
 * proof to each, and the list of proofs. A Träger starts a proof from its deadline.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { api, call, type Schemas } from '../../api/client';
import { hasRole, useCurrentUser } from '../../auth/auth';
import { ListFilters, LoadMore, useListQuery } from '../../components/lists';
import { DataTable, type SortControl } from '../../components/table';
import { districtColumn, useShowsDistrict } from '../../components/district';
import { Badge, Button, Money, PageTitle, ProblemAlert, QueryView, Section } from '../../components/ui';
import { daysBetween, formatDate, formatDateTime, todayIso } from '../../lib/format';
import { label, PROOF_KIND, PROOF_STATUS, PROOF_TONE, tone } from '../../lib/labels';


export function deadlineLabel(d: { kind: string; coveredYear: number | null }): string {
  return d.kind === 'INTERIM' ? `Zwischennachweis ${d.coveredYear ?? ''}` : 'Verwendungsnachweis';
}

export function DueBadge({ due, overdue }: { due: string; overdue: boolean }) {
  const days = daysBetween(todayIso(), due);
  if (overdue) return <Badge tone="danger">überfällig seit {-days} Tagen</Badge>;
  if (days < 0) return null;
  return days <= 30 ? <Badge tone="warning">in {days} Tagen</Badge> : <span>in {days} Tagen</span>;
}

/** Deadlines with the proof to each; the Träger starts a proof here. */
export function DeadlinesTable({ onlyOpen = false, decisionId }: { onlyOpen?: boolean; decisionId?: string }) {
  const me = useCurrentUser();
  const provider = hasRole(me, 'PROVIDER');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const deadlines = useQuery({
    queryKey: ['proof-deadlines', onlyOpen],
    queryFn: () => call(api.GET('/api/v1/proofs-of-use/deadlines', { params: { query: onlyOpen ? { onlyOpen: true } : {} } })),
  });
  const create = useMutation({
    mutationFn: (d: Schemas['DeadlineDto']) => call(api.POST('/api/v1/proofs-of-use', { body: { decisionId: d.decisionId, kind: d.kind, coveredYear: d.coveredYear } })),
    onSuccess: (p) => {
      void queryClient.invalidateQueries({ queryKey: ['proof-deadlines'] });
      void queryClient.invalidateQueries({ queryKey: ['proofs'] });
      navigate(`/nachweise/${p.id}`);
    },
  });
  return (
    <>
      <ProblemAlert error={create.error} title="Nachweis nicht angelegt" />
      <QueryView query={deadlines}>
        {(items) => (
          <DataTable
            caption="Fristen der Verwendungsnachweise"
            testId="proof-deadlines"
            rows={items.filter((d) => !decisionId || d.decisionId === decisionId)}
            rowKey={(d) => `${d.decisionId}-${d.kind}-${d.coveredYear ?? ''}`}
            empty="Keine Fristen."
            columns={[
              { header: 'Nachweis', cell: (d) => `${deadlineLabel(d)} zu ${d.decisionReference}` },
              ...(provider ? [] : [{ header: 'Träger', cell: (d: Schemas['DeadlineDto']) => d.providerName }]),
              { header: 'Fällig am', cell: (d) => formatDate(d.due) },
              { header: 'Frist', cell: (d) => (d.proofStatus && d.proofStatus !== 'DRAFT' ? 'eingereicht' : <DueBadge due={d.due} overdue={d.overdue} />) },
              { header: 'Stand', cell: (d) => (d.proofStatus ? <Badge tone={tone(PROOF_TONE, d.proofStatus)}>{label(PROOF_STATUS, d.proofStatus)}</Badge> : 'noch nicht begonnen') },
              {
                header: <span className="kern-sr-only">Aktion</span>,
                cell: (d) =>
                  d.proofId ? (
                    <Link className="kern-link" to={`/nachweise/${d.proofId}`}>
                      Öffnen<span className="kern-sr-only">: {deadlineLabel(d)} zu {d.decisionReference}</span>
                    </Link>
                  ) : provider ? (
                    <Button variant="secondary" busy={create.isPending && create.variables === d} onClick={() => create.mutate(d)}>
                      {deadlineLabel(d)} anlegen<span className="kern-sr-only"> zu {d.decisionReference}</span>
                    </Button>
                  ) : null,
              },
            ]}
          />
        )}
      </QueryView>
    </>
  );
}

type P = Schemas['ProofDto'];

export function ProofsTable({ items, provider, sort }: { items: P[]; provider: boolean; sort?: SortControl }) {
  const showsDistrict = useShowsDistrict();
  return (
    <DataTable
      caption="Verwendungsnachweise"
      testId="proofs"
      rows={items}
      rowKey={(p) => p.id}
      empty="Keine Nachweise."
      sort={sort}
      columns={[
        { header: 'Nachweis', sortKey: 'reference', cell: (p) => <Link className="kern-link" to={`/nachweise/${p.id}`}>{p.reference}</Link> },
        ...(showsDistrict ? [districtColumn<P>()] : []),
        { header: 'Art', sortKey: 'kind', cell: (p) => `${label(PROOF_KIND, p.kind)}${p.coveredYear ? ` ${p.coveredYear}` : ''}` },
        ...(provider ? [] : [{ header: 'Träger', sortKey: 'providerName', cell: (p: P) => p.providerName ?? '–' }]),
        { header: 'Status', sortKey: 'status', cell: (p) => <Badge tone={tone(PROOF_TONE, p.status)}>{label(PROOF_STATUS, p.status)}</Badge> },
        { header: 'Eingereicht', sortKey: 'submittedAt', cell: (p) => formatDateTime(p.submittedAt) },
        { header: 'Ist-Ausgaben', sortKey: 'actualCosts', numeric: true, cell: (p) => <Money value={p.actualCosts} /> },
        { header: 'Belege aufbewahren bis', cell: (p) => formatDate(p.retainUntil) },
        ...(provider
          ? []
          : [
              {
                header: <span className="kern-sr-only">Prüfung</span>,
                cell: (p: P) =>
                  p.status === 'DRAFT' ? null : (
                    <Link className="kern-link" to={`/nachweise/${p.id}/pruefung`}>
                      Prüfung<span className="kern-sr-only"> {p.reference}</span>
                    </Link>
                  ),
              },
            ]),
      ]}
    />
  );
}

export function ProofsPage() {
  const me = useCurrentUser();
  const provider = hasRole(me, 'PROVIDER');
  const list = useListQuery({
    key: 'proofs',
    filters: ['status', 'providerId', 'fieldOfAction', 'socialArea', 'budgetYear', 'dueAfter', 'dueBefore', 'assigneeId', 'districtId'],
    sortKeys: ['reference', 'kind', 'providerName', 'status', 'submittedAt', 'actualCosts', 'due', 'createdAt'],
    defaultSort: 'reference',
    statuses: PROOF_STATUS,
    dueLabel: 'Frist',
    fetchPage: (query) => call(api.GET('/api/v1/proofs-of-use', { params: { query } })),
  });
  return (
    <>
      <PageTitle subtitle={provider ? 'Sachbericht, zahlenmäßiger Nachweis und Belegliste zu Ihren Bewilligungen' : 'Eingereichte Nachweise prüfen, Stichprobe und Festsetzung'}>Verwendungsnachweise</PageTitle>
      <Section title="Fristen">
        <DeadlinesTable onlyOpen={!provider} />
      </Section>
      <Section title={provider ? 'Meine Nachweise' : 'Nachweise'}>
        <ListFilters list={list} />
        <QueryView query={list.query}>{(rows) => <ProofsTable items={rows} provider={provider} sort={list.sort} />}</QueryView>
        <LoadMore list={list} one="Nachweis" many="Nachweise" />
      </Section>
    </>
  );
}
