/**
 * Verlauf: the audit events of the record on the page and of its parts (Belege, Anlagen, Fassungen,
 * Schreiben), newest first, in German as the API reads them: who (display name), what, when, and
 * the changes field by field. For the Landratsamt and the Prüfung; loaded when opened.
 */
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call, type paths, type Schemas } from '../api/client';
import { isStaffSide, useCurrentUser } from '../auth/auth';
import { formatDateTime } from '../lib/format';
import { Button, Empty, Loading, ProblemAlert } from './ui';

export type HistoryRecordType = paths['/api/v1/history/{type}/{id}']['get']['parameters']['path']['type'];

export function RecordHistory({ type, id }: { type: HistoryRecordType; id: string }) {
  const me = useCurrentUser();
  const [open, setOpen] = useState(false);
  if (!isStaffSide(me)) return null;
  return (
    <details className="ff-section ff-history" onToggle={(e) => setOpen(e.currentTarget.open)} data-testid="record-history">
      <summary className="kern-heading-small">Verlauf</summary>
      {open ? <Entries type={type} id={id} /> : null}
    </details>
  );
}

function Entries({ type, id }: { type: HistoryRecordType; id: string }) {
  const history = useInfiniteQuery({
    queryKey: ['history', type, id],
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: Schemas['HistoryPageDto']) => last.nextCursor ?? undefined,
    queryFn: ({ pageParam }) => call(api.GET('/api/v1/history/{type}/{id}', { params: { path: { type, id }, query: { limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } } })),
  });
  if (history.error) return <ProblemAlert error={history.error} title="Verlauf konnte nicht geladen werden" />;
  if (history.isPending) return <Loading label="Verlauf wird geladen …" />;
  const items = history.data.pages.flatMap((p) => p.items);
  if (items.length === 0) return <Empty>Noch keine Einträge.</Empty>;
  return (
    <>
      <ol className="ff-timeline" aria-label="Verlauf, neueste zuerst">
        {items.map((e) => (
          <li key={e.id} data-testid="history-entry">
            <p className="kern-body">
              <strong>{e.actionLabel}</strong>
              {e.subject ? ` – ${e.subject}` : ''}
            </p>
            <p className="kern-body kern-body--small ff-muted">
              <time dateTime={e.occurredAt}>{formatDateTime(e.occurredAt)}</time> · {e.actorName}
            </p>
            {e.changes.length > 0 ? (
              <ul className="kern-list ff-history__changes">
                {e.changes.map((c) => (
                  <li key={c.field} className="kern-body kern-body--small">
                    {c.text}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
      {history.hasNextPage ? (
        <Button variant="secondary" onClick={() => void history.fetchNextPage()} busy={history.isFetchingNextPage}>
          Ältere Einträge laden
        </Button>
      ) : null}
    </>
  );
}
