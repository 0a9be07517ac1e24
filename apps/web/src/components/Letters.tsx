/**
 * Schreiben (PDF) of a decision, a Rückforderung (with its Mahnungen), a Prüfvermerk or an Antrag
 * (its Eingangsbestätigungen). The action that issues a letter writes it at once (queued), the
 * worker renders it within seconds: the list polls while any letter is waiting and stops when all
 * are settled. „Schreiben jetzt erzeugen“ and „Erneut versuchen“ say what happened.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { can } from '../api/actions';
import { api, call, type Schemas } from '../api/client';
import { ApiError } from '../api/problem';
import { mayAct, useCurrentUser } from '../auth/auth';
import { formatDateTime } from '../lib/format';
import { JOB_TONE, label, LETTER_STATUS, tone } from '../lib/labels';
import { downloadFile } from '../lib/transfer';
import { DataTable } from './table';
import { Alert, Badge, Button, ProblemAlert, QueryView, Section } from './ui';

type Owner = 'decisions' | 'recoveries' | 'proofs-of-use' | 'applications';
type Letter = Schemas['LetterDto'];

/** How often the list asks while a letter is queued or being rendered. */
export const LETTER_POLL_MS = 2000;

/** Queued or in the worker's hands: the PDF is not there yet. */
export function isWaiting(l: Pick<Letter, 'status'>): boolean {
  return l.status === 'PENDING' || l.status === 'RENDERING';
}

function list(owner: Owner, id: string): Promise<Schemas['LetterListDto']> {
  const opts = { params: { path: { id } } };
  if (owner === 'decisions') return call(api.GET('/api/v1/decisions/{id}/letters', opts));
  if (owner === 'recoveries') return call(api.GET('/api/v1/recoveries/{id}/letters', opts));
  if (owner === 'applications') return call(api.GET('/api/v1/applications/{id}/letters', opts));
  return call(api.GET('/api/v1/proofs-of-use/{id}/letters', opts));
}

function request(owner: Owner, id: string): Promise<Schemas['LetterRequestResultDto']> {
  const opts = { params: { path: { id } } };
  if (owner === 'decisions') return call(api.POST('/api/v1/decisions/{id}/letters', opts));
  if (owner === 'recoveries') return call(api.POST('/api/v1/recoveries/{id}/letters', opts));
  if (owner === 'applications') return call(api.POST('/api/v1/applications/{id}/letters', opts));
  return call(api.POST('/api/v1/proofs-of-use/{id}/letters', opts));
}

/** "Zuwendungsbescheid, Fassung 2" / "2. Mahnung" */
export function letterName(l: Pick<Letter, 'kind' | 'kindLabel' | 'versionNo'>): string {
  return `${l.kindLabel}${l.versionNo && l.kind !== 'DUNNING' ? `, Fassung ${l.versionNo}` : ''}`;
}

function names(letters: readonly Letter[]): string {
  return letters.map(letterName).join('; ');
}

interface Outcome {
  type: 'success' | 'info';
  title: string;
  text: string;
}

/** What „Schreiben jetzt erzeugen“ did, in German. */
export function describeRequest(r: Pick<Schemas['LetterRequestResultDto'], 'created' | 'requeued'>): Outcome {
  const parts: string[] = [];
  if (r.created.length > 0) parts.push(`${r.created.length === 1 ? 'Neu angelegt' : `${r.created.length} Schreiben neu angelegt`}: ${names(r.created)}.`);
  if (r.requeued.length > 0) parts.push(`${r.requeued.length === 1 ? 'Erneut angestoßen' : `${r.requeued.length} fehlgeschlagene Schreiben erneut angestoßen`}: ${names(r.requeued)}.`);
  const count = r.created.length + r.requeued.length;
  return { type: 'success', title: count === 1 ? 'Das Schreiben wird erzeugt' : 'Die Schreiben werden erzeugt', text: `${parts.join(' ')} Das PDF erscheint in wenigen Sekunden.` };
}

export function LettersSection({
  owner,
  id,
  title = 'Schreiben (PDF)',
  revision,
}: {
  owner: Owner;
  id: string;
  title?: string;
  /** Changes when the record issues a new letter (e.g. the decision's current version), so the list is read again. */
  revision?: string | number | null;
}) {
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const key = ['letters', owner, id, revision ?? null];
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const letters = useQuery({
    queryKey: key,
    queryFn: () => list(owner, id),
    refetchInterval: (q) => (q.state.data?.items.some(isWaiting) ? LETTER_POLL_MS : false),
  });
  const generate = useMutation({
    mutationFn: () => request(owner, id),
    onMutate: () => setOutcome(null),
    onSuccess: (data) => {
      queryClient.setQueryData(key, { items: data.items });
      setOutcome(describeRequest(data));
    },
    onError: (err) => {
      // Nothing to do is an answer, not a failure: say it, and show the list as it is now.
      if (err instanceof ApiError && err.status === 409) {
        setOutcome({ type: 'info', title: 'Nichts zu erzeugen', text: err.detail });
        void queryClient.invalidateQueries({ queryKey: key });
      }
    },
  });
  const retry = useMutation({
    mutationFn: (l: Letter) => call(api.POST('/api/v1/letters/{id}/retry', { params: { path: { id: l.id } } })),
    onMutate: () => setOutcome(null),
    onSuccess: (l) => {
      queryClient.setQueryData<Schemas['LetterListDto']>(key, (old) => (old ? { items: old.items.map((x) => (x.id === l.id ? l : x)) } : old));
      setOutcome({ type: 'success', title: 'Erneut angestoßen', text: `${letterName(l)} wird noch einmal erzeugt. Das PDF erscheint in wenigen Sekunden.` });
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
  const download = useMutation({ mutationFn: (l: Letter) => downloadFile(l.downloadUrl ?? `/api/v1/letters/${l.id}/file`, l.fileName) });
  const generateError = generate.error instanceof ApiError && generate.error.status === 409 ? null : generate.error;
  /** The letter's state, and the PDF, „Wird erzeugt …“ or the reason with „Erneut versuchen“. */
  const letterState = (l: Letter) => (
    <div className="ff-letter-state">
      <Badge tone={tone(JOB_TONE, l.status)}>{label(LETTER_STATUS, l.status)}</Badge>
      {can(l, 'download') ? (
        <Button variant="tertiary" onClick={() => download.mutate(l)} busy={download.isPending && download.variables?.id === l.id}>
          PDF herunterladen<span className="kern-sr-only">: {l.fileName}</span>
        </Button>
      ) : isWaiting(l) ? (
        <span className="ff-letter-waiting" role="status">
          <span className="kern-loader kern-loader--visible" aria-hidden="true" />
          Wird erzeugt …
        </span>
      ) : l.status === 'FAILED' ? (
        <>
          <p className="kern-body kern-body--small" data-testid="letter-error">
            {l.error ?? 'Das Schreiben konnte nicht erzeugt werden.'}
          </p>
          {can(l, 'retry') ? (
            <Button variant="secondary" onClick={() => retry.mutate(l)} busy={retry.isPending && retry.variables?.id === l.id}>
              Erneut versuchen<span className="kern-sr-only">: {letterName(l)}</span>
            </Button>
          ) : null}
        </>
      ) : null}
    </div>
  );
  return (
    <Section
      title={title}
      actions={
        mayAct(me, 'ADMIN', 'STAFF', 'APPROVER') ? (
          <Button variant="secondary" busy={generate.isPending} onClick={() => generate.mutate()}>
            Schreiben jetzt erzeugen
          </Button>
        ) : undefined
      }
    >
      {outcome ? (
        <Alert type={outcome.type} title={outcome.title} live>
          <p className="kern-body" data-testid="letters-outcome">
            {outcome.text}
          </p>
        </Alert>
      ) : null}
      <ProblemAlert error={generateError ?? retry.error ?? download.error} />
      <QueryView query={letters}>
        {(data) => (
          <DataTable
            caption={title}
            testId="letters"
            rows={data.items}
            rowKey={(l) => l.id}
            empty={owner === 'applications' ? 'Die Eingangsbestätigung entsteht mit dem Einreichen.' : 'Noch keine Schreiben. Sie entstehen mit der Freigabe.'}
            columns={[
              { header: 'Schreiben', cell: (l) => letterName(l) },
              // The state and what to do with it side by side, so a phone shows both without scrolling the table.
              { header: 'Stand', cell: (l) => letterState(l) },
              { header: 'Seiten', numeric: true, cell: (l) => l.pageCount ?? '–' },
              { header: 'Erzeugt', cell: (l) => formatDateTime(l.completedAt ?? l.createdAt) },
            ]}
          />
        )}
      </QueryView>
    </Section>
  );
}
