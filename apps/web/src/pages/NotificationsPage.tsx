/**
 * Benachrichtigungen: reminders of deadlines (VN, Zwischennachweise), payouts waiting for approval
 * and overdue Rückforderungen, and for the Träger what happened to its records (Eingang, Bescheid,
 * Mittelabruf, Auszahlung, Festsetzung, Rückforderung), each with a link to the record; mark as read.
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, call, type Schemas } from '../api/client';
import { FilterSelect } from '../components/table';
import { Badge, Button, Empty, PageTitle, ProblemAlert, QueryView } from '../components/ui';
import { formatDate, formatDateTime } from '../lib/format';
import { label, MAIL_STATUS, NOTIFICATION_KIND } from '../lib/labels';

/** The record a notification is about, as a page of this app (the mail links use the API's English paths). */
export function notificationHref(n: { entity: string; entityId: string }): string | null {
  if (n.entity === 'Application') return `/antraege/${n.entityId}`;
  if (n.entity === 'Settlement') return `/festsetzungen/${n.entityId}`;
  if (n.entity === 'Decision') return `/bescheide/${n.entityId}`;
  if (n.entity === 'PaymentRequest') return `/mittelabrufe/${n.entityId}`;
  if (n.entity === 'Recovery') return `/rueckforderungen/${n.entityId}`;
  if (n.entity === 'FundingCall') return `/aufrufe/${n.entityId}`;
  if (n.entity === 'ProofOfUse') return `/nachweise/${n.entityId}`;
  return null;
}

/** Number of unread notifications for the header (refreshed every minute). */
export function useUnreadCount() {
  return useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: () => call(api.GET('/api/v1/notifications', { params: { query: { limit: 1, unreadOnly: true } } })),
    select: (page) => page.unread,
    refetchInterval: 60_000,
    retry: false,
  });
}

export function NotificationsPage() {
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState('');
  const unreadOnly = filter === 'unread';
  const list = useInfiniteQuery({
    queryKey: ['notifications', 'list', unreadOnly],
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: Schemas['NotificationPageDto']) => last.nextCursor ?? undefined,
    queryFn: ({ pageParam }): Promise<Schemas['NotificationPageDto']> =>
      call(api.GET('/api/v1/notifications', { params: { query: { limit: 50, ...(pageParam ? { cursor: pageParam } : {}), ...(unreadOnly ? { unreadOnly: true } : {}) } } })),
  });
  const read = useMutation({
    mutationFn: (n: Schemas['NotificationDto']) => call(api.POST('/api/v1/notifications/{id}/read', { params: { path: { id: n.id } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageTitle subtitle="Erinnerungen an Fristen und Nachrichten zu Ihren Vorgängen">Benachrichtigungen</PageTitle>
      <div className="ff-filters">
        <FilterSelect label="Anzeigen" value={filter} onChange={setFilter} all="alle" options={[{ value: 'unread', label: 'nur ungelesene' }]} />
      </div>
      <ProblemAlert error={read.error} />
      <QueryView query={{ data: list.data, error: list.error, isPending: list.isPending }}>
        {() =>
          items.length === 0 ? (
            <Empty>Keine Benachrichtigungen.</Empty>
          ) : (
            <ul className="ff-timeline" data-testid="notifications">
              {items.map((n) => {
                const href = notificationHref(n);
                return (
                  <li key={n.id} className={n.readAt ? 'ff-read' : 'ff-unread'}>
                    <h2 className="kern-heading-small">
                      {n.readAt ? null : <Badge tone="info">neu</Badge>} {n.subject}
                    </h2>
                    <p className="kern-body ff-muted">
                      {n.stage === 'OVERDUE' && n.kind === 'PROOF_DUE' ? 'Verwendungsnachweis überfällig' : label(NOTIFICATION_KIND, n.kind)} · {formatDateTime(n.createdAt)}
                      {n.dueDate ? ` · fällig ${formatDate(n.dueDate)}` : ''} · {n.reference}
                      {n.mail ? ` · E-Mail: ${label(MAIL_STATUS, n.mail.status)}` : ''}
                    </p>
                    {/* The whole mail, folded: the list stays a list of what happened, one line each. */}
                    <details className="ff-notification-body">
                      <summary className="kern-body">Nachricht lesen</summary>
                      <p className="kern-body ff-pre">{n.body}</p>
                    </details>
                    <div className="ff-actions">
                      {href ? (
                        <Link className="kern-link" to={href}>
                          Zum Vorgang {n.reference}
                        </Link>
                      ) : null}
                      {n.readAt ? null : (
                        <Button variant="tertiary" busy={read.isPending && read.variables?.id === n.id} onClick={() => read.mutate(n)}>
                          Als gelesen markieren<span className="kern-sr-only">: {n.subject}</span>
                        </Button>
                      )}
                    </div>
                  </li>
                );
              })}
            </ul>
          )
        }
      </QueryView>
      {list.hasNextPage ? (
        <Button variant="secondary" busy={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          Ältere laden
        </Button>
      ) : null}
    </>
  );
}
