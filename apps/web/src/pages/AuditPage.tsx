/** Protokoll: the append-only, hash-chained audit log, with the chain verification (auditors, admin). */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call, type Schemas } from '../api/client';
import { Alert, Badge, Button, Empty, PageTitle, ProblemAlert, QueryView, Section, TableWrap } from '../components/ui';
import { formatDateTime, formatInteger } from '../lib/format';
import { AUDIT_CHECK_STATUS, label } from '../lib/labels';

export function AuditPage() {
  const [filter, setFilter] = useState({ entity: '', action: '', from: '', to: '' });
  const [applied, setApplied] = useState(filter);
  const events = useInfiniteQuery({
    queryKey: ['audit', applied],
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: Schemas['AuditEventPageDto']) => last.nextCursor ?? undefined,
    queryFn: ({ pageParam }): Promise<Schemas['AuditEventPageDto']> =>
      call(
        api.GET('/api/v1/audit-events', {
          params: { query: { limit: 50, ...(pageParam ? { cursor: pageParam } : {}), ...Object.fromEntries(Object.entries(applied).filter(([, v]) => v !== '')) } },
        }),
      ),
  });
  const verify = useMutation({ mutationFn: () => call(api.GET('/api/v1/audit-events/verify')) });
  const queryClient = useQueryClient();
  const verifications = useQuery({ queryKey: ['verifications'], queryFn: () => call(api.GET('/api/v1/audit-events/verifications', { params: { query: { limit: 10 } } })) });
  const request = useMutation({ mutationFn: () => call(api.POST('/api/v1/audit-events/verifications')), onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['verifications'] }) });
  const items = events.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageTitle subtitle="Jede Änderung mit Zeitpunkt, Person und Hash-Kette (manipulationssicher)">Protokoll</PageTitle>
      <Section title="Hash-Kette prüfen">
        <p className="kern-body">Die Prüfung berechnet jeden Hash neu und vergleicht ihn mit dem gespeicherten Vorgänger.</p>
        <div className="ff-actions">
          <Button onClick={() => verify.mutate()} busy={verify.isPending}>Kette jetzt prüfen</Button>
          <Button variant="secondary" onClick={() => request.mutate()} busy={request.isPending}>Prüfung im Hintergrund anstoßen</Button>
        </div>
        <ProblemAlert error={verify.error ?? request.error} />
        {verify.data ? (
          !verify.data.valid ? (
            <Alert type="danger" title="Kette gebrochen">
              <p className="kern-body" data-testid="chain-result">{formatInteger(verify.data.checked)} Einträge geprüft; erster abweichender Eintrag: {verify.data.firstBrokenId}</p>
            </Alert>
          ) : verify.data.checkpointValid === false ? (
            // Consistent in itself, but not the chain that was signed: someone rewrote it and recomputed the hashes.
            <Alert type="danger" title="Kette passt nicht zum signierten Prüfpunkt">
              <p className="kern-body" data-testid="chain-result">
                {formatInteger(verify.data.checked)} Einträge geprüft; die Hashes sind in sich stimmig, aber die Kette weicht vom signierten Prüfpunkt
                {verify.data.lastCheckpoint ? ` vom ${formatDateTime(verify.data.lastCheckpoint.createdAt)}` : ''} ab. Sie wurde nachträglich verändert.
              </p>
            </Alert>
          ) : (
            <Alert type="success" title="Kette unversehrt" live>
              <p className="kern-body" data-testid="chain-result">
                {formatInteger(verify.data.checked)} Einträge geprüft, alle Hashes stimmen.
                {verify.data.lastCheckpoint ? ` Der signierte Prüfpunkt vom ${formatDateTime(verify.data.lastCheckpoint.createdAt)} passt dazu.` : ' Noch kein signierter Prüfpunkt.'}
              </p>
            </Alert>
          )
        ) : null}
        <QueryView query={verifications}>
          {(page) => page.items.length === 0 ? null : (
            <TableWrap label="Letzte Prüfungen">
              <table className="kern-table kern-table--small">
                <caption className="kern-title">Letzte Prüfungen</caption>
                <thead className="kern-table__head"><tr className="kern-table__row"><th className="kern-table__header" scope="col">angestoßen</th><th className="kern-table__header" scope="col">Anlass</th><th className="kern-table__header" scope="col">Stand</th><th className="kern-table__header" scope="col">Ergebnis</th><th className="kern-table__header kern-table__header--numeric" scope="col">Einträge</th></tr></thead>
                <tbody className="kern-table__body">
                  {page.items.map((v) => (
                    <tr className="kern-table__row" key={v.id}>
                      <td className="kern-table__cell">{formatDateTime(v.requestedAt)}</td>
                      <td className="kern-table__cell">{v.trigger === 'MANUAL' ? 'manuell' : 'nächtlich'}</td>
                      <td className="kern-table__cell">{label(AUDIT_CHECK_STATUS, v.status)}</td>
                      <td className="kern-table__cell">{v.valid === null ? '–' : v.valid ? <Badge tone="success">unversehrt</Badge> : <Badge tone="danger">gebrochen</Badge>}</td>
                      <td className="kern-table__cell kern-table__cell--numeric">{formatInteger(v.checked)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
        </QueryView>
      </Section>
      <Section title="Einträge">
        <form className="ff-filters" role="search" onSubmit={(e) => { e.preventDefault(); setApplied(filter); }}>
          {([['entity', 'Objekt (z. B. Application)', 'text'], ['action', 'Aktion (z. B. application.submit)', 'text'], ['from', 'von', 'date'], ['to', 'bis (ausschließlich)', 'date']] as const).map(([k, l, t]) => (
            <div className="kern-form-input" key={k}>
              <label className="kern-label" htmlFor={`a-${k}`}>{l}</label>
              <input id={`a-${k}`} className="kern-form-input__input" type={t} value={filter[k]} onChange={(e) => setFilter({ ...filter, [k]: e.target.value })} />
            </div>
          ))}
          <div><button type="submit" className="kern-btn kern-btn--secondary"><span className="kern-label">Filtern</span></button></div>
        </form>
        <ProblemAlert error={events.error} />
        {items.length === 0 && !events.isPending ? <Empty>Keine Einträge.</Empty> : (
          <TableWrap label="Protokolleinträge">
            <table className="kern-table kern-table--small" data-testid="audit-events">
              <caption className="kern-sr-only">Protokolleinträge</caption>
              <thead className="kern-table__head"><tr className="kern-table__row"><th className="kern-table__header" scope="col">Zeitpunkt</th><th className="kern-table__header" scope="col">Person</th><th className="kern-table__header" scope="col">Aktion</th><th className="kern-table__header" scope="col">Objekt</th><th className="kern-table__header" scope="col">Hash</th></tr></thead>
              <tbody className="kern-table__body">
                {items.map((e) => (
                  <tr className="kern-table__row" key={e.id}>
                    <td className="kern-table__cell">{formatDateTime(e.occurredAt)}</td>
                    <td className="kern-table__cell">{e.actorName ?? e.actorEmail ?? 'System'}</td>
                    <td className="kern-table__cell"><span title={e.action}>{e.actionLabel}</span></td>
                    <td className="kern-table__cell"><span title={e.entity}>{e.entityLabel}</span> <span className="ff-mono">{e.entityId}</span></td>
                    <td className="kern-table__cell"><span className="ff-mono" title={e.hash}>{e.hash.slice(0, 12)}…</span></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        {events.hasNextPage ? <Button variant="secondary" onClick={() => void events.fetchNextPage()} busy={events.isFetchingNextPage}>Weitere laden</Button> : null}
      </Section>
    </>
  );
}
