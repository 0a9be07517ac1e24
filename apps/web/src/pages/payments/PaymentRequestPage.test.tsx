import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Schemas } from '../../api/client';
import { PaymentRequestPage } from './PaymentRequestPage';

const ID = '12121212-1212-4212-8212-121212121212';
const ME = '34343434-3434-4434-8434-343434343434';

const OWN = 'Sie haben diesen Mittelabruf selbst sachlich geprüft; die Freigabe der Auszahlung muss eine andere Person mit Zeichnungsbefugnis erteilen.';

function request(allowedActions: Schemas['PaymentRequestDto']['allowedActions'], checkedBy: string | null = null, approvalBlockedReason: string | null = null): Schemas['PaymentRequestDto'] {
  return {
    districtId: '00000000-0000-4000-8000-0000000000d1',
    districtName: 'Landkreis Altenburger Land – Landratsamt',
    id: ID,
    reference: 'FF-2026-0007-MA-01',
    sequence: 1,
    decisionId: '56565656-5656-4656-8656-565656565656',
    decisionReference: 'FF-2026-0007',
    providerId: '78787878-7878-4878-8878-787878787878',
    providerName: 'Jugendhilfe Altenburg e. V.',
    budgetYearId: '90909090-9090-4090-8090-909090909090',
    // The same status in every case: only allowedActions decides the buttons.
    status: 'CHECKED',
    statusLabel: 'sachlich geprüft',
    requestedAmount: '3000.00',
    duePayments: [],
    dueTotal: '3000.00',
    dueExplanation: 'Miete Januar bis Februar',
    requestedValueDate: '2026-02-01',
    limit: null,
    iban: 'DE02120300000000202051',
    accountHolder: 'Jugendhilfe Altenburg e. V.',
    submittedAt: '2026-01-20T09:00:00.000Z',
    checkedAmount: '3000.00',
    checkNote: 'Miete laut Vertrag fällig.',
    checkedBy,
    checkedByUser: checkedBy ? { id: checkedBy, displayName: 'Sabine Kretzschmar (Sachbearbeitung, Demo)' } : null,
    checkedAt: checkedBy ? '2026-01-21T10:00:00.000Z' : null,
    checkChecklist: checkedBy ? [{ code: 'BANK_ACCOUNT_CONFIRMED', label: 'Bankverbindung des Trägers bestätigt', result: 'OK', note: null }] : null,
    approvalBlockedReason,
    approvedBy: null,
    approvedAt: null,
    rejectionReason: null,
    paidOn: null,
    version: 2,
    allowedActions,
  };
}

function renderPage(r: Schemas['PaymentRequestDto'], roles: Schemas['MeDto']['roles']) {
  // What the API answered, in the cache; no request may leave the test.
  const fetchSpy = vi.spyOn(globalThis, 'fetch').mockRejectedValue(new Error('no request expected'));
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  client.setQueryData(['payment-request', ID], r);
  client.setQueryData(['ref', 'cost-categories'], []);
  client.setQueryData(['me', null], { id: ME, email: 'p@example.org', displayName: 'Petra Zeichner', roles, organisationId: null });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[`/mittelabrufe/${ID}`]}>
        <Routes>
          <Route path="/mittelabrufe/:id" element={<PaymentRequestPage />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return fetchSpy;
}

describe('PaymentRequestPage buttons follow allowedActions', () => {
  afterEach(() => vi.restoreAllMocks());

  it('approver of someone else’s check: who checked and the checklist, „Auszahlung freigeben …“ asks first, and rejecting', async () => {
    const fetchSpy = renderPage(request(['approve', 'reject'], '11111111-1111-4111-8111-111111111111'), ['APPROVER']);
    const context = await screen.findByTestId('check-context');
    expect(within(context).getByText(/Sabine Kretzschmar \(Sachbearbeitung, Demo\), am 21\.01\.2026/)).toBeInTheDocument();
    expect(within(context).getByText('Miete laut Vertrag fällig.')).toBeInTheDocument();
    expect(within(context).getByText('Bankverbindung des Trägers bestätigt')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Mittelabruf ablehnen/ })).toBeInTheDocument();
    expect(screen.queryByTestId('approval-blocked')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Auszahlung freigeben …' }));
    const dialog = await screen.findByRole('dialog', { name: 'Auszahlung zu FF-2026-0007-MA-01 freigeben?' });
    expect(within(dialog).getByText(/3\.000,00 € aus dem Bescheid FF-2026-0007/)).toBeInTheDocument();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Abbrechen' }));
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('own check: no approve button, the API’s reason instead', async () => {
    renderPage(request(['reject'], ME, OWN), ['STAFF', 'APPROVER']);
    expect(await screen.findByText(OWN)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Auszahlung freigeben/ })).toBeNull();
    expect(screen.getByRole('button', { name: /Mittelabruf ablehnen/ })).toBeInTheDocument();
  });

  it('no actions: read-only whatever the roles', async () => {
    renderPage(request([]), ['ADMIN', 'STAFF', 'APPROVER']);
    expect(await screen.findByRole('heading', { name: 'Angaben' })).toBeInTheDocument();
    for (const name of [/^Auszahlung freigeben/, /Mittelabruf ablehnen/, 'Zurückziehen', 'Prüfung abschließen']) {
      expect(screen.queryByRole('button', { name })).toBeNull();
    }
    expect(screen.queryByTestId('approval-blocked')).toBeNull();
  });
});
