import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Schemas } from '../api/client';
import { describeRequest, LETTER_POLL_MS, LettersSection } from './Letters';

/**
 * The API as openapi-fetch answers: the typed client took the real fetch when it was created, so
 * the test replaces the client's GET and POST (the page's `call` stays the real one).
 */
const server = vi.hoisted(() => ({ answer: (_method: string, _path: string): Response => new Response(null, { status: 500 }) }));
vi.mock('../api/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../api/client')>();
  const respond = async (method: string, template: string, opts?: { params?: { path?: Record<string, string> } }) => {
    const path = template.replace(/\{(\w+)\}/g, (_m, key: string) => opts?.params?.path?.[key] ?? '');
    const response = server.answer(method, path);
    const body: unknown = await response.json();
    return response.ok ? { data: body, response } : { error: body, response };
  };
  return {
    ...actual,
    api: { GET: (path: string, opts?: never) => respond('GET', path, opts), POST: (path: string, opts?: never) => respond('POST', path, opts) },
  };
});

const DECISION = '44444444-4444-4444-8444-444444444444';
const LETTER = '66666666-6666-4666-8666-666666666666';

function letter(status: Schemas['LetterDto']['status'], extra: Partial<Schemas['LetterDto']> = {}): Schemas['LetterDto'] {
  return {
    id: LETTER,
    kind: 'GRANT_DECISION',
    kindLabel: 'Zuwendungsbescheid',
    status,
    fileName: 'Zuwendungsbescheid_FF-2026-0001_v1.pdf',
    decisionId: DECISION,
    applicationId: null,
    decisionVersionId: null,
    versionNo: 1,
    recoveryId: null,
    proofId: null,
    sha256: status === 'COMPLETED' ? 'ab'.repeat(32) : null,
    sizeBytes: status === 'COMPLETED' ? 1234 : null,
    pageCount: status === 'COMPLETED' ? 4 : null,
    error: null,
    attempts: status === 'PENDING' ? 0 : 1,
    downloadUrl: status === 'COMPLETED' ? `/api/v1/letters/${LETTER}/file` : null,
    createdAt: '2026-12-07T09:30:00.000Z',
    completedAt: status === 'COMPLETED' ? '2026-12-07T09:30:03.000Z' : null,
    allowedActions: status === 'COMPLETED' ? ['download'] : [],
    ...extra,
  };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' } });

/** The letters section of a decision, with the API answering `answer` per request. */
function renderSection(answer: (method: string, path: string) => Response) {
  const calls: string[] = [];
  server.answer = (method, path) => {
    calls.push(`${method} ${path}`);
    return answer(method, path);
  };
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(['me', null], { id: 'u1', email: 's@example.org', displayName: 'Sabine Kretzschmar', roles: ['STAFF'], organisationId: null });
  render(
    <QueryClientProvider client={client}>
      <LettersSection owner="decisions" id={DECISION} />
    </QueryClientProvider>,
  );
  return calls;
}

afterEach(() => vi.restoreAllMocks());

describe('LettersSection: the state live, the outcome of every request', () => {
  it('polls while the letter is queued or rendering, shows „Wird erzeugt …“, then the PDF, and stops asking', async () => {
    const states: Schemas['LetterDto']['status'][] = ['PENDING', 'RENDERING', 'COMPLETED'];
    let listed = 0;
    const calls = renderSection((method, path) => {
      expect([method, path]).toEqual(['GET', `/api/v1/decisions/${DECISION}/letters`]);
      return json({ items: [letter(states[Math.min(listed++, states.length - 1)]!)] });
    });
    expect(await screen.findByText('Wird erzeugt …')).toBeInTheDocument();
    expect(screen.getByText('in der Warteschlange')).toBeInTheDocument();
    // never „no letters yet“ while one is queued
    expect(screen.queryByText(/Noch keine Schreiben/)).toBeNull();
    await waitFor(() => expect(screen.getByText('in Arbeit')).toBeInTheDocument(), { timeout: LETTER_POLL_MS * 2 });
    await waitFor(() => expect(screen.getByRole('button', { name: /PDF herunterladen/ })).toBeInTheDocument(), { timeout: LETTER_POLL_MS * 2 });
    expect(screen.queryByText('Wird erzeugt …')).toBeNull();
    const settled = calls.length;
    expect(settled).toBe(3);
    // settled: no more requests
    await new Promise((r) => setTimeout(r, LETTER_POLL_MS + 500));
    expect(calls.length).toBe(settled);
  }, 15000);

  it('a failed letter: its German reason and „Erneut versuchen“, which says what happened', async () => {
    const reason = 'Das Schreiben konnte nach 5 Versuchen nicht erzeugt werden (technischer Fehler: disk full).';
    renderSection((method, path) => {
      if (method === 'POST') {
        expect(path).toBe(`/api/v1/letters/${LETTER}/retry`);
        return json(letter('PENDING'), 202);
      }
      return json({ items: [letter('FAILED', { error: reason, allowedActions: ['retry'] })] });
    });
    expect(await screen.findByText(reason)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: /Erneut versuchen/ }));
    const outcome = await screen.findByTestId('letters-outcome');
    expect(outcome).toHaveTextContent('Zuwendungsbescheid, Fassung 1 wird noch einmal erzeugt. Das PDF erscheint in wenigen Sekunden.');
  });

  it('„Schreiben jetzt erzeugen“: a 409 „nothing to do“ is shown as information, not as an error', async () => {
    renderSection((method) =>
      method === 'POST'
        ? json({ status: 409, code: 'LETTERS_NOTHING_TO_DO', detail: 'Es ist nichts neu zu erzeugen: Alle Schreiben liegen bereits vor.' }, 409)
        : json({ items: [letter('COMPLETED')] }),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Schreiben jetzt erzeugen' }));
    const outcome = await screen.findByTestId('letters-outcome');
    expect(outcome).toHaveTextContent('Es ist nichts neu zu erzeugen: Alle Schreiben liegen bereits vor.');
    expect(within(outcome.closest('.kern-alert') as HTMLElement).getByText('Nichts zu erzeugen')).toBeInTheDocument();
    expect(screen.queryByText('Das hat nicht geklappt')).toBeNull();
  });

  it('describes what a request created and what it tried again', () => {
    const created = letter('PENDING');
    const requeued = letter('PENDING', { kind: 'DUNNING', kindLabel: '2. Mahnung', versionNo: 2 });
    expect(describeRequest({ created: [created], requeued: [] })).toEqual({
      type: 'success',
      title: 'Das Schreiben wird erzeugt',
      text: 'Neu angelegt: Zuwendungsbescheid, Fassung 1. Das PDF erscheint in wenigen Sekunden.',
    });
    expect(describeRequest({ created: [created], requeued: [requeued] }).text).toBe(
      'Neu angelegt: Zuwendungsbescheid, Fassung 1. Erneut angestoßen: 2. Mahnung. Das PDF erscheint in wenigen Sekunden.',
    );
  });
});
