import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Schemas } from '../../api/client';
import { OperationsPage } from './OperationsPage';

/** The API as openapi-fetch answers (see Letters.test.tsx): GET and POST of the typed client replaced. */
const server = vi.hoisted(() => ({ answer: (_method: string, _path: string): Response => new Response(null, { status: 500 }) }));
vi.mock('../../api/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../api/client')>();
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

// jsdom has no modal dialogs: open and close are enough for what the page does with them.
beforeAll(() => {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.open = true;
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.open = false;
    this.dispatchEvent(new Event('close'));
  };
});

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' } });

const counts = { failed: 0, active: 0, waiting: 0, delayed: 0, prioritized: 0, completed: 0, 'waiting-children': 0 };
const QUEUES: Schemas['QueueListDto'] = {
  items: [
    { queue: 'letters', counts: { ...counts, failed: 1, completed: 23 }, paused: false, schedules: [{ id: 'letters.scan.schedule', name: 'letters.scan', pattern: '*/5 * * * *', next: '2026-12-07T14:15:00.000Z' }] },
    { queue: 'notifications', counts: { ...counts, delayed: 2 }, paused: false, schedules: [] },
  ],
};
const FAILED_JOB: Schemas['JobDto'] = {
  queue: 'letters',
  id: 'letters.render.7f0c',
  name: 'letters.render',
  state: 'failed',
  attemptsMade: 5,
  maxAttempts: 5,
  failedReason: 'Die Vorlage des Schreibens fehlt.',
  data: { documentId: '6f1d2c3b-0000-4000-8000-000000000001' },
  payloadIdsOnly: true,
  requestId: 'b1e0c7a2-5d3f-4a51-9a57-0c6b1d2e3f40',
  progress: null,
  createdAt: '2026-12-07T09:30:00.000Z',
  processedAt: '2026-12-07T09:30:01.000Z',
  finishedAt: '2026-12-07T09:31:00.000Z',
};
const FAILED_MAIL: Schemas['MailDto'] = {
  id: '11111111-1111-4111-8111-111111111111',
  notificationId: '22222222-2222-4222-8222-222222222222',
  recipient: 'traeger@demo.foerderfluss.de',
  recipientName: 'Maria Schubert',
  subject: 'Zuwendungsbescheid FF-2026-0008 erlassen',
  messageId: '<11111111-1111-4111-8111-111111111111@altenburgerland.de>',
  status: 'FAILED',
  attempts: 5,
  lastError: 'ECONNREFUSED connect ECONNREFUSED 127.0.0.1:25',
  smtpResponse: null,
  createdAt: '2026-12-07T09:30:00.000Z',
  sentAt: null,
};
const CAUGHT: Schemas['CaughtMailDto'] = {
  id: '33333333-3333-4333-8333-333333333333',
  outboxId: '44444444-4444-4444-8444-444444444444',
  sender: 'Förderfluss <foerderfluss@altenburgerland.de>',
  recipient: 'jugendhilfe@demo.foerderfluss.de',
  recipientName: 'Kevin Schubert',
  subject: 'Rückforderung FF-2026-0007/R: fällig am 06.11.2026',
  messageId: '<44444444-4444-4444-8444-444444444444@altenburgerland.de>',
  createdAt: '2026-12-07T13:13:00.000Z',
};

function renderPage(answer: (method: string, path: string) => Response | undefined, production = false) {
  const calls: string[] = [];
  server.answer = (method, path) => {
    calls.push(`${method} ${path}`);
    const own = answer(method, path);
    if (own) return own;
    if (path === '/api/v1/admin/queues') return json(QUEUES);
    if (path === '/api/v1/admin/jobs') return json({ items: [FAILED_JOB] });
    if (path === '/api/v1/admin/mail-outbox') return json({ items: [FAILED_MAIL], nextCursor: null });
    if (path === '/api/v1/admin/mail-catchall') {
      return production ? json({ status: 404, code: 'MAIL_CATCHALL_UNAVAILABLE', detail: 'Das lokale Demo-Postfach gibt es nur außerhalb der Produktion.' }, 404) : json({ active: true, items: [CAUGHT], nextCursor: null });
    }
    if (path === `/api/v1/admin/mail-catchall/${CAUGHT.id}`) return json({ ...CAUGHT, body: 'Guten Tag,\n\nzu Ihrer Zuwendung …\n\nMit freundlichen Grüßen' });
    return json({ status: 500, detail: `unerwartet: ${method} ${path}` }, 500);
  };
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <OperationsPage />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return calls;
}

describe('OperationsPage (Betrieb)', () => {
  it('queues and jobs in German; „Erneut versuchen“ asks first, then retries and says so', async () => {
    const calls = renderPage((method, path) => (method === 'POST' && path.endsWith('/retry') && path.includes('/jobs/') ? json({ ...FAILED_JOB, state: 'waiting', attemptsMade: 0 }) : undefined));
    const queues = await screen.findByTestId('queues');
    expect(within(queues).getAllByRole('rowheader').map((c) => c.textContent)).toEqual(['Briefe', 'E-Mail und Erinnerungen']);
    expect(within(await screen.findByTestId('schedules')).getByRole('rowheader')).toHaveTextContent('Fehlende Schreiben anlegen');

    const jobs = await screen.findByTestId('jobs');
    const row = within(jobs).getByRole('row', { name: /Schreiben erzeugen/ });
    expect(row).toHaveTextContent('Schreiben 6f1d2c3b');
    expect(row).toHaveTextContent('5 von 5');
    expect(row).toHaveTextContent('Die Vorlage des Schreibens fehlt.');
    fireEvent.click(within(row).getByRole('button', { name: /^Erneut versuchen/ }));
    // nothing sent before the confirmation
    expect(calls.filter((c) => c.startsWith('POST'))).toEqual([]);
    const dialog = screen.getByRole('dialog', { name: 'Auftrag erneut versuchen?' });
    expect(dialog).toHaveTextContent('„Schreiben erzeugen“ (Schreiben 6f1d2c3b) ist nach 5 Versuchen fehlgeschlagen.');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Erneut versuchen' }));
    expect(await screen.findByText('„Schreiben erzeugen“ wird erneut ausgeführt (Zustand: wartend).')).toBeInTheDocument();
    expect(calls).toContain('POST /api/v1/admin/jobs/letters/letters.render.7f0c/retry');
  });

  it('a failed mail: addressee by name, the error, „Erneut senden“ after a confirmation', async () => {
    const calls = renderPage((method, path) => (method === 'POST' && path === `/api/v1/admin/mail-outbox/${FAILED_MAIL.id}/retry` ? json({ ...FAILED_MAIL, status: 'PENDING' }, 202) : undefined));
    const outbox = await screen.findByTestId('mail-outbox');
    const row = within(outbox).getByRole('row', { name: /Maria Schubert/ });
    expect(row).toHaveTextContent('fehlgeschlagen');
    expect(row).toHaveTextContent('ECONNREFUSED');
    fireEvent.click(within(row).getByRole('button', { name: /^Erneut senden/ }));
    const dialog = screen.getByRole('dialog', { name: 'E-Mail erneut senden?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Erneut senden' }));
    expect(await screen.findByText('Die E-Mail „Zuwendungsbescheid FF-2026-0008 erlassen“ an Maria Schubert wird erneut versandt.')).toBeInTheDocument();
    expect(calls).toContain(`POST /api/v1/admin/mail-outbox/${FAILED_MAIL.id}/retry`);
  });

  it('Demo-Postfach: the banner, a mail opened whole', async () => {
    renderPage(() => undefined);
    expect(await screen.findByText('E-Mails werden nicht wirklich versandt')).toBeInTheDocument();
    const caught = await screen.findByTestId('mail-catchall');
    fireEvent.click(within(caught).getByRole('button', { name: /^Öffnen/ }));
    const dialog = screen.getByRole('dialog', { name: CAUGHT.subject });
    expect(await within(dialog).findByText(/Mit freundlichen Grüßen/)).toBeInTheDocument();
    expect(dialog).toHaveTextContent('Kevin Schubert <jugendhilfe@demo.foerderfluss.de>');
  });

  it('in production (404) there is no Demo-Postfach, neither section nor link', async () => {
    renderPage(() => undefined, true);
    await screen.findByTestId('mail-outbox');
    await screen.findByTestId('queues');
    // the 404 has arrived once the link is gone
    await vi.waitFor(() => expect(screen.queryByRole('link', { name: 'Demo-Postfach' })).toBeNull());
    expect(screen.queryByRole('heading', { name: 'Demo-Postfach' })).toBeNull();
    expect(screen.queryByText('E-Mails werden nicht wirklich versandt')).toBeNull();
  });
});
