import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { session } from '../api/session';
import { LoginPage } from './LoginPage';

/** The API as openapi-fetch answers; every request is recorded with its body and Authorization header. */
interface Seen {
  method: string;
  path: string;
  body: unknown;
  authorization: string | undefined;
}
const server = vi.hoisted(() => ({ answer: (_seen: { method: string; path: string }): Response => new Response(null, { status: 500 }), seen: [] as Seen[] }));
vi.mock('../api/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../api/client')>();
  const respond = async (method: string, path: string, opts?: { body?: unknown; headers?: Record<string, string> }) => {
    server.seen.push({ method, path, body: opts?.body, authorization: opts?.headers?.Authorization });
    const response = server.answer({ method, path });
    const body: unknown = await response.json();
    return response.ok ? { data: body, response } : { error: body, response };
  };
  return { ...actual, api: { GET: (p: string, o?: never) => respond('GET', p, o), POST: (p: string, o?: never) => respond('POST', p, o) } };
});

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function renderLogin() {
  server.seen = [];
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter initialEntries={['/anmelden']}>
        <Routes>
          <Route path="/anmelden" element={<LoginPage />} />
          <Route path="/" element={<p>Startseite</p>} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

async function submitPassword() {
  fireEvent.change(screen.getByLabelText('E-Mail-Adresse'), { target: { value: 'neu@altenburgerland.de' } });
  fireEvent.change(screen.getByLabelText('Passwort'), { target: { value: 'Ein-sicheres-Passwort-1' } });
  fireEvent.click(screen.getByRole('button', { name: 'Anmelden' }));
}

afterEach(() => session.end('logout'));

describe('LoginPage with a second factor', () => {
  it('staff who must enrol set the factor up with the restricted token; confirming shows the recovery codes and then signs in', async () => {
    renderLogin();
    server.answer = ({ path }) => {
      if (path === '/api/v1/auth/login') return json({ mfaRequired: true, enrolmentRequired: true, mfaToken: 'restricted-token', expiresIn: 300 });
      if (path === '/api/v1/auth/mfa/enrolment') return json({ secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', otpauthUri: 'otpauth://totp/x', qrCode: 'data:image/svg+xml;base64,PHN2Zy8+' });
      if (path === '/api/v1/auth/mfa/enrolment/confirm') {
        return json({ recoveryCodes: ['ABCD-EFGH-JKMN', 'PQRS-TUVW-XYZ2'], session: { accessToken: 'access-token', tokenType: 'Bearer', expiresIn: 900 } });
      }
      return json({}, 404);
    };
    await submitPassword();
    expect(await screen.findByText('Zweiter Faktor erforderlich')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Einrichtung beginnen' }));
    expect(await screen.findByRole('img', { name: /QR-Code/ })).toHaveAttribute('src', 'data:image/svg+xml;base64,PHN2Zy8+');
    expect(screen.getByTestId('mfa-secret')).toHaveTextContent('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
    fireEvent.change(screen.getByLabelText('Code aus der App'), { target: { value: '123 456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Bestätigen' }));
    expect(await screen.findByText('ABCD-EFGH-JKMN')).toBeInTheDocument();
    // not signed in before the codes were seen
    expect(session.token()).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /Codes gesichert/ }));
    expect(await screen.findByText('Startseite')).toBeInTheDocument();
    expect(session.token()).toBe('access-token');
    expect(server.seen.map((s) => [s.path, s.authorization, s.body])).toEqual([
      ['/api/v1/auth/login', undefined, { email: 'neu@altenburgerland.de', password: 'Ein-sicheres-Passwort-1' }],
      ['/api/v1/auth/mfa/enrolment', 'Bearer restricted-token', undefined],
      ['/api/v1/auth/mfa/enrolment/confirm', 'Bearer restricted-token', { code: '123456' }],
    ]);
  });

  it('an enrolled user enters the code; a wrong one is named next to the field, the right one signs in', async () => {
    renderLogin();
    let attempts = 0;
    server.answer = ({ path }) => {
      if (path === '/api/v1/auth/login') return json({ mfaRequired: true, enrolmentRequired: false, mfaToken: 'challenge', expiresIn: 300 });
      attempts += 1;
      return attempts === 1
        ? json({ status: 401, code: 'AUTH_MFA_INVALID_CODE', detail: 'Der Code ist falsch oder abgelaufen.', errors: [{ path: 'code', message: 'Bitte geben Sie den aktuellen Code ein.' }] }, 401)
        : json({ accessToken: 'access-token', tokenType: 'Bearer', expiresIn: 900 });
    };
    await submitPassword();
    const code = await screen.findByLabelText('Code aus der Authenticator-App');
    fireEvent.change(code, { target: { value: '000000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Anmelden' }));
    expect(await screen.findByText('Bitte geben Sie den aktuellen Code ein.')).toBeInTheDocument();
    expect(screen.getByTestId('problem-detail')).toHaveTextContent('Der Code ist falsch oder abgelaufen.');
    fireEvent.change(code, { target: { value: '654321' } });
    fireEvent.click(screen.getByRole('button', { name: 'Anmelden' }));
    await waitFor(() => expect(session.token()).toBe('access-token'));
    expect(server.seen.filter((s) => s.path === '/api/v1/auth/mfa').map((s) => s.body)).toEqual([
      { mfaToken: 'challenge', code: '000000' },
      { mfaToken: 'challenge', code: '654321' },
    ]);
  });
});
