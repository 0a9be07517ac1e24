/**
 * „Betrieb“ for administrators (issue 17 item 6): the job queues with their counts and schedules,
 * failed and delayed jobs with „Erneut versuchen“, the mail outbox with „Erneut senden“, and outside
 * production the local Demo-Postfach, where mails land when no SMTP relay is configured.
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { api, call, type Schemas } from '../../api/client';
import { ApiError } from '../../api/problem';
import { ActionDialog } from '../../components/dialog';
import { DataTable, FilterSelect } from '../../components/table';
import { Alert, Badge, Button, Loading, PageTitle, ProblemAlert, QueryView, Section } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import {
  JOB_NAME_LABEL,
  JOB_RECORD_LABEL,
  JOB_STATE_LABEL,
  JOB_STATE_TONE,
  OUTBOX_STATUS,
  OUTBOX_TONE,
  QUEUE_LABEL,
  tone,
} from '../../lib/labels';

type Job = Schemas['JobDto'];
type Mail = Schemas['MailDto'];
type CaughtMail = Schemas['CaughtMailDto'];
type QueueName = Schemas['QueueDto']['queue'];
type JobState = keyof typeof JOB_STATE_LABEL;
type MailStatus = Mail['status'];

/** Rows per request of the mail lists; the page holds four sections, so short pages. */
const PAGE = 20;
const JOB_LIMIT = 100;
const label = (map: Readonly<Record<string, string>>, code: string): string => map[code] ?? code;
const options = <V extends string>(map: Readonly<Record<V, string>>) => (Object.entries(map) as [V, string][]).map(([value, l]) => ({ value, label: l }));

/** The Demo-Postfach's pages; 404 in production, where there is no catch-all. */
function useCatchAll() {
  return useInfiniteQuery({
    queryKey: ['admin', 'mail-catchall'],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => call(api.GET('/api/v1/admin/mail-catchall', { params: { query: { limit: PAGE, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    retry: (n, err) => !isMissing(err) && n < 2,
  });
}
type CatchAllQuery = ReturnType<typeof useCatchAll>;
const isMissing = (err: unknown): boolean => err instanceof ApiError && err.status === 404;

export function OperationsPage() {
  const caught = useCatchAll();
  return (
    <>
      <PageTitle subtitle="Warteschlangen, Hintergrundaufträge und E-Mails">Betrieb</PageTitle>
      <nav aria-label="Abschnitte dieser Seite">
        <ul className="ff-section-links">
          <li><a className="kern-link" href="#warteschlangen">Warteschlangen</a></li>
          <li><a className="kern-link" href="#auftraege">Aufträge</a></li>
          <li><a className="kern-link" href="#postausgang">Postausgang</a></li>
          {isMissing(caught.error) ? null : (
            <li><a className="kern-link" href="#demo-postfach">Demo-Postfach</a></li>
          )}
        </ul>
      </nav>
      <Queues />
      <Jobs />
      <Outbox />
      <CatchAll caught={caught} />
    </>
  );
}

function Anchor({ id, children }: { id: string; children: ReactNode }) {
  return <div id={id}>{children}</div>;
}

function Queues() {
  const queryClient = useQueryClient();
  const queues = useQuery({ queryKey: ['admin', 'queues'], queryFn: () => call(api.GET('/api/v1/admin/queues')) });
  const [done, setDone] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: (name: string) => call(api.POST('/api/v1/admin/schedules/{name}/run', { params: { path: { name } } })),
    onSuccess: (r) => {
      setDone(`„${label(JOB_NAME_LABEL, r.name)}“ wurde eingereiht und läuft gleich.`);
      void queryClient.invalidateQueries({ queryKey: ['admin'] });
    },
    onMutate: () => setDone(null),
  });
  return (
    <Anchor id="warteschlangen">
      <Section title="Warteschlangen" actions={<Button variant="secondary" onClick={() => void queryClient.invalidateQueries({ queryKey: ['admin'] })}>Aktualisieren</Button>}>
        <QueryView query={queues}>
          {(page) => (
            <>
              <DataTable
                caption="Aufträge je Warteschlange und Zustand"
                testId="queues"
                rows={page.items}
                rowKey={(q) => q.queue}
                columns={[
                  { header: 'Warteschlange', rowHeader: true, cell: (q) => <>{label(QUEUE_LABEL, q.queue)}{q.paused ? <> <Badge tone="warning">angehalten</Badge></> : null}</> },
                  { header: 'wartend', numeric: true, cell: (q) => q.counts.waiting + q.counts.prioritized + q.counts['waiting-children'] },
                  { header: 'läuft', numeric: true, cell: (q) => q.counts.active },
                  { header: 'verzögert', numeric: true, cell: (q) => q.counts.delayed },
                  { header: 'fehlgeschlagen', numeric: true, cell: (q) => (q.counts.failed > 0 ? <strong>{q.counts.failed}</strong> : 0) },
                  { header: 'abgeschlossen', numeric: true, cell: (q) => q.counts.completed },
                ]}
              />
              <p className="kern-body kern-body--muted">
                Verzögert sind auch die nächsten Läufe der regelmäßigen Aufträge und Aufträge, die nach einem Fehler auf ihren nächsten Versuch warten.
              </p>
              <h3 className="kern-heading-small ff-subheading">Regelmäßige Aufträge</h3>
              {done ? <Alert type="success" title="Eingereiht" live>{done}</Alert> : null}
              <ProblemAlert error={run.error} />
              <DataTable
                caption="Regelmäßige Aufträge"
                testId="schedules"
                empty="Keine regelmäßigen Aufträge eingerichtet (läuft ein Worker?)."
                rows={page.items.flatMap((q) => q.schedules.map((s) => ({ ...s, queue: q.queue })))}
                rowKey={(s) => s.id}
                columns={[
                  { header: 'Auftrag', rowHeader: true, cell: (s) => label(JOB_NAME_LABEL, s.name) },
                  { header: 'Warteschlange', cell: (s) => label(QUEUE_LABEL, s.queue) },
                  { header: 'Zeitplan (cron)', cell: (s) => <code>{s.pattern ?? '–'}</code> },
                  { header: 'Nächster Lauf', cell: (s) => formatDateTime(s.next) },
                  {
                    header: 'Aktion',
                    cell: (s) => (
                      <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" disabled={run.isPending} onClick={() => run.mutate(s.name)}>
                        <span className="kern-label">Jetzt ausführen<span className="kern-sr-only">: {label(JOB_NAME_LABEL, s.name)}</span></span>
                      </button>
                    ),
                  },
                ]}
              />
            </>
          )}
        </QueryView>
      </Section>
    </Anchor>
  );
}

/** "E-Mail 3f2b8c1e" for each id of the payload: the record a job concerns. */
function concerns(job: Job): string {
  if (!job.payloadIdsOnly || !job.data) return '–';
  const parts = Object.entries(job.data).map(([key, id]) => `${label(JOB_RECORD_LABEL, key)} ${id.slice(0, 8)}`);
  return parts.length > 0 ? parts.join(', ') : '–';
}

function Jobs() {
  const queryClient = useQueryClient();
  const [state, setState] = useState<JobState>('failed');
  const [queue, setQueue] = useState<QueueName | ''>('');
  const [confirm, setConfirm] = useState<Job | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const jobs = useQuery({
    queryKey: ['admin', 'jobs', state, queue],
    queryFn: () => call(api.GET('/api/v1/admin/jobs', { params: { query: { state, limit: JOB_LIMIT, ...(queue ? { queue } : {}) } } })),
  });
  const retry = useMutation({
    mutationFn: (j: Job) => call(api.POST('/api/v1/admin/jobs/{queue}/{id}/retry', { params: { path: { queue: j.queue, id: j.id } } })),
    onMutate: () => setResult(null),
    onSuccess: (j) => {
      setConfirm(null);
      setResult(`„${label(JOB_NAME_LABEL, j.name)}“ wird erneut ausgeführt (Zustand: ${label(JOB_STATE_LABEL, j.state)}).`);
      void queryClient.invalidateQueries({ queryKey: ['admin'] });
    },
    onError: () => setConfirm(null),
  });
  return (
    <Anchor id="auftraege">
      <Section title="Aufträge">
        <div className="ff-filters">
          <FilterSelect label="Zustand" value={state} all={null} onChange={(v) => setState(v || 'failed')} options={options(JOB_STATE_LABEL)} />
          <FilterSelect label="Warteschlange" value={queue} all="alle Warteschlangen" onChange={setQueue} options={options(QUEUE_LABEL)} />
        </div>
        {result ? <Alert type="success" title="Erneut eingereiht" live>{result}</Alert> : null}
        <ProblemAlert error={retry.error} title="Erneut versuchen hat nicht geklappt" />
        <QueryView query={jobs}>
          {(page) => (
            <>
              <DataTable
                caption={`Aufträge: ${label(JOB_STATE_LABEL, state)}`}
                testId="jobs"
                empty={`Keine Aufträge im Zustand „${label(JOB_STATE_LABEL, state)}“.`}
                rows={page.items}
                rowKey={(j) => `${j.queue}/${j.id}`}
                columns={[
                  { header: 'Auftrag', rowHeader: true, cell: (j) => label(JOB_NAME_LABEL, j.name) },
                  { header: 'Warteschlange', cell: (j) => label(QUEUE_LABEL, j.queue) },
                  { header: 'Betrifft', cell: (j) => concerns(j) },
                  { header: 'Zustand', cell: (j) => <Badge tone={tone(JOB_STATE_TONE, j.state)}>{label(JOB_STATE_LABEL, j.state)}</Badge> },
                  { header: 'Versuche', numeric: true, cell: (j) => `${j.attemptsMade} von ${j.maxAttempts}` },
                  { header: 'Letzter Fehler', className: 'ff-cell-wide', cell: (j) => j.failedReason ?? '–' },
                  { header: 'Erstellt', cell: (j) => formatDateTime(j.createdAt) },
                  { header: 'Beendet', cell: (j) => formatDateTime(j.finishedAt) },
                  {
                    header: 'Aktion',
                    cell: (j) =>
                      j.state === 'failed' ? (
                        <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={() => setConfirm(j)}>
                          <span className="kern-label">Erneut versuchen<span className="kern-sr-only">: {label(JOB_NAME_LABEL, j.name)} {j.id}</span></span>
                        </button>
                      ) : null,
                  },
                ]}
              />
              {page.items.length >= JOB_LIMIT ? <p className="kern-body kern-body--muted">Gezeigt werden die neuesten {JOB_LIMIT} Aufträge.</p> : null}
            </>
          )}
        </QueryView>
        <ActionDialog
          open={confirm !== null}
          title="Auftrag erneut versuchen?"
          onClose={() => setConfirm(null)}
          footer={<Button busy={retry.isPending} onClick={() => confirm && retry.mutate(confirm)}>Erneut versuchen</Button>}
        >
          {confirm ? (
            <p className="kern-body">
              „{label(JOB_NAME_LABEL, confirm.name)}“ ({concerns(confirm)}) ist nach {confirm.attemptsMade} Versuchen fehlgeschlagen. Er wird mit neuen Versuchen erneut eingereiht. Ist die
              Ursache behoben?
            </p>
          ) : null}
        </ActionDialog>
      </Section>
    </Anchor>
  );
}

function Recipient({ name, email }: { name: string | null; email: string }) {
  return name ? (
    <>
      {name}
      <br />
      <span className="kern-body--muted ff-break">{email}</span>
    </>
  ) : (
    <span className="ff-break">{email}</span>
  );
}

function Outbox() {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<MailStatus | ''>('');
  const [confirm, setConfirm] = useState<Mail | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const mails = useInfiniteQuery({
    queryKey: ['admin', 'mail-outbox', status],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call(api.GET('/api/v1/admin/mail-outbox', { params: { query: { limit: PAGE, ...(status ? { status } : {}), ...(pageParam ? { cursor: pageParam } : {}) } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const resend = useMutation({
    mutationFn: (m: Mail) => call(api.POST('/api/v1/admin/mail-outbox/{id}/retry', { params: { path: { id: m.id } } })),
    onMutate: () => setResult(null),
    onSuccess: (m) => {
      setConfirm(null);
      setResult(`Die E-Mail „${m.subject}“ an ${m.recipientName ?? m.recipient} wird erneut versandt.`);
      void queryClient.invalidateQueries({ queryKey: ['admin'] });
    },
    onError: () => setConfirm(null),
  });
  const items = mails.data?.pages.flatMap((p) => p.items);
  return (
    <Anchor id="postausgang">
      <Section title="Postausgang">
        <div className="ff-filters">
          <FilterSelect label="Status" value={status} all="alle" onChange={setStatus} options={options(OUTBOX_STATUS)} />
        </div>
        {result ? <Alert type="success" title="Erneut eingereiht" live>{result}</Alert> : null}
        <ProblemAlert error={resend.error} title="Erneut senden hat nicht geklappt" />
        <QueryView query={{ data: items, error: mails.error, isPending: mails.isPending }}>
          {(rows) => (
            <>
              <DataTable
                caption="E-Mails im Postausgang"
                testId="mail-outbox"
                empty="Keine E-Mails."
                rows={rows}
                rowKey={(m) => m.id}
                columns={[
                  { header: 'Empfänger', rowHeader: true, cell: (m) => <Recipient name={m.recipientName} email={m.recipient} /> },
                  { header: 'Betreff', className: 'ff-cell-wide', cell: (m) => m.subject },
                  { header: 'Status', cell: (m) => <Badge tone={tone(OUTBOX_TONE, m.status)}>{label(OUTBOX_STATUS, m.status)}</Badge> },
                  { header: 'Versuche', numeric: true, cell: (m) => m.attempts },
                  { header: 'Letzter Fehler', className: 'ff-cell-wide', cell: (m) => m.lastError ?? '–' },
                  { header: 'Erstellt', cell: (m) => formatDateTime(m.createdAt) },
                  { header: 'Versandt', cell: (m) => formatDateTime(m.sentAt) },
                  {
                    header: 'Aktion',
                    cell: (m) =>
                      m.status === 'FAILED' ? (
                        <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={() => setConfirm(m)}>
                          <span className="kern-label">Erneut senden<span className="kern-sr-only">: {m.subject}</span></span>
                        </button>
                      ) : null,
                  },
                ]}
              />
              <More hasMore={mails.hasNextPage} loading={mails.isFetchingNextPage} onMore={() => void mails.fetchNextPage()} shown={rows.length} />
            </>
          )}
        </QueryView>
        <ActionDialog
          open={confirm !== null}
          title="E-Mail erneut senden?"
          onClose={() => setConfirm(null)}
          footer={<Button busy={resend.isPending} onClick={() => confirm && resend.mutate(confirm)}>Erneut senden</Button>}
        >
          {confirm ? (
            <p className="kern-body">
              „{confirm.subject}“ an {confirm.recipientName ?? confirm.recipient} ist nach {confirm.attempts} Versuchen nicht zugestellt worden
              {confirm.lastError ? ` (${confirm.lastError})` : ''}. Sie wird mit derselben Message-ID erneut versandt.
            </p>
          ) : null}
        </ActionDialog>
      </Section>
    </Anchor>
  );
}

function CatchAll({ caught }: { caught: CatchAllQuery }) {
  const [open, setOpen] = useState<CaughtMail | null>(null);
  // 404: production, where there is no catch-all; the section then stays away.
  if (isMissing(caught.error)) return null;
  const first = caught.data?.pages[0];
  const items = caught.data?.pages.flatMap((p) => p.items);
  return (
    <Anchor id="demo-postfach">
      <Section title="Demo-Postfach">
        {first?.active ? (
          <Alert type="warning" title="E-Mails werden nicht wirklich versandt">
            <p className="kern-body">
              Es ist kein Mailserver eingerichtet (SMTP_HOST). Alle E-Mails landen deshalb hier im lokalen Demo-Postfach und erreichen niemanden. Im Postausgang
              gelten sie als versandt.
            </p>
          </Alert>
        ) : first ? (
          <Alert type="info" title="Ein Mailserver ist eingerichtet">
            <p className="kern-body">Neue E-Mails gehen an den Mailserver. Hier stehen nur E-Mails von früher, als keiner eingerichtet war.</p>
          </Alert>
        ) : null}
        <QueryView query={{ data: items, error: caught.error, isPending: caught.isPending }}>
          {(rows) => (
            <>
              <DataTable
                caption="E-Mails im Demo-Postfach"
                testId="mail-catchall"
                empty="Noch keine E-Mails im Demo-Postfach."
                rows={rows}
                rowKey={(m) => m.id}
                columns={[
                  { header: 'Empfänger', rowHeader: true, cell: (m) => <Recipient name={m.recipientName} email={m.recipient} /> },
                  { header: 'Betreff', className: 'ff-cell-wide', cell: (m) => m.subject },
                  { header: 'Eingegangen', cell: (m) => formatDateTime(m.createdAt) },
                  {
                    header: 'Aktion',
                    cell: (m) => (
                      <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={() => setOpen(m)}>
                        <span className="kern-label">Öffnen<span className="kern-sr-only">: {m.subject}</span></span>
                      </button>
                    ),
                  },
                ]}
              />
              <More hasMore={caught.hasNextPage} loading={caught.isFetchingNextPage} onMore={() => void caught.fetchNextPage()} shown={rows.length} />
            </>
          )}
        </QueryView>
        <CaughtMailDialog mail={open} onClose={() => setOpen(null)} />
      </Section>
    </Anchor>
  );
}

function CaughtMailDialog({ mail, onClose }: { mail: CaughtMail | null; onClose: () => void }) {
  const detail = useQuery({
    queryKey: ['admin', 'mail-catchall', mail?.id],
    queryFn: () => call(api.GET('/api/v1/admin/mail-catchall/{id}', { params: { path: { id: mail!.id } } })),
    enabled: mail !== null,
  });
  return (
    <ActionDialog open={mail !== null} title={mail?.subject ?? 'E-Mail'} onClose={onClose} footer={null} closeLabel="Schließen">
      {mail ? (
        <div data-testid="caught-mail">
          <dl className="kern-description-list">
            <div className="kern-description-list-item"><dt className="kern-description-list-item__key">Von</dt><dd className="kern-description-list-item__value ff-break">{detail.data?.sender ?? '…'}</dd></div>
            <div className="kern-description-list-item"><dt className="kern-description-list-item__key">An</dt><dd className="kern-description-list-item__value">{mail.recipientName ? `${mail.recipientName} <${mail.recipient}>` : mail.recipient}</dd></div>
            <div className="kern-description-list-item"><dt className="kern-description-list-item__key">Eingegangen</dt><dd className="kern-description-list-item__value">{formatDateTime(mail.createdAt)}</dd></div>
          </dl>
          {/* The text scrolls in its own box (a long mail on a phone): focusable, so it scrolls by keyboard too. */}
          {detail.error ? (
            <ProblemAlert error={detail.error} title="Laden fehlgeschlagen" />
          ) : detail.data ? (
            <pre className="ff-pre ff-mail-body" tabIndex={0} aria-label="Text der E-Mail">{detail.data.body}</pre>
          ) : (
            <Loading />
          )}
        </div>
      ) : null}
    </ActionDialog>
  );
}

function More({ hasMore, loading, onMore, shown }: { hasMore: boolean; loading: boolean; onMore: () => void; shown: number }) {
  if (!hasMore) return null;
  return (
    <div className="ff-actions">
      <Button variant="secondary" busy={loading} onClick={onMore}>
        Weitere laden<span className="kern-sr-only"> (bisher {shown} gezeigt)</span>
      </Button>
    </div>
  );
}

