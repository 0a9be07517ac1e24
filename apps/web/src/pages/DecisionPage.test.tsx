import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Schemas } from '../api/client';
import { DecisionPage } from './DecisionPage';

const ID = '44444444-4444-4444-8444-444444444444';
const ME = '55555555-5555-4555-8555-555555555555';

const pending: Schemas['DecisionVersionDto'] = {
  id: '66666666-6666-4666-8666-666666666666',
  versionNo: null,
  kind: 'ORIGINAL',
  status: 'PROPOSED',
  // Proposed by the viewer in every case: the page must not decide from this, only from allowedActions.
  proposedBy: ME,
  proposedAt: '2026-12-07T09:30:00.000Z',
  approvedBy: null,
  approvedAt: null,
  returnReason: null,
  decisionDate: null,
  effectiveDate: null,
  reason: null,
  purpose: 'Offener Treff für Jugendliche',
  periodStart: '2026-01-01',
  periodEnd: '2026-12-31',
  financingType: 'DEFICIT',
  fundingRatePercent: null,
  maxAmount: '18000.00',
  stateShare: '9000.00',
  districtShare: '9000.00',
  approvedPlan: { costLines: [], personnelPositions: [], fundingLines: [], totals: {} as Schemas['ApprovedPlanDto']['totals'] },
  conditions: { general: [], special: [] },
  proofDue: null,
  interimProofsDue: [],
  eligibleFrom: null,
  recoveryAmount: null,
};

const OWN = 'Sie haben diesen Bescheid selbst vorgeschlagen; die Freigabe muss eine andere Person mit Zeichnungsbefugnis erteilen.';

function decision(allowedActions: Schemas['DecisionDto']['allowedActions'], approvalBlockedReason: string | null = null): Schemas['DecisionDto'] {
  return {
    districtId: '00000000-0000-4000-8000-0000000000d1',
    districtName: 'Landkreis Altenburger Land – Landratsamt',
    id: ID,
    reference: 'FF-2026-0007',
    applicationId: '77777777-7777-4777-8777-777777777777',
    applicationReference: 'A-2026-0001',
    providerId: '88888888-8888-4888-8888-888888888888',
    providerName: 'Jugendhilfe Altenburg e. V.',
    budgetYearId: '99999999-9999-4999-8999-999999999999',
    instrument: 'BESCHEID',
    outcome: 'GRANT',
    status: 'PROPOSED',
    currentVersionNo: null,
    fieldOfActionCode: 'JUGEND',
    socialAreaCode: 'ALTENBURG',
    current: null,
    pending,
    versions: [pending],
    allowedActions,
    votum: { recommendation: 'APPROVE', proposedAmount: null, reasons: 'Bedarf im Sozialraum belegt.' },
    checklist: [
      { code: 'FORMAL_COMPLETE', label: 'Antrag vollständig', result: 'OK', note: null },
      { code: 'SUBJECT_COSTS_PLAUSIBLE', label: 'Kosten plausibel', result: 'NOT_OK', note: 'Honorare gekürzt.' },
    ],
    proposedBy: { id: ME, displayName: 'Katrin Lorenz (Sachgebietsleitung, Demo)' },
    proposedAt: '2026-12-07T09:30:00.000Z',
    budgetEffect: { years: [{ budgetYear: 2026, stateFreeBefore: '100000.00', stateFreeAfter: '91000.00', districtFreeBefore: '20000.00', districtFreeAfter: '11000.00' }] },
    approvalBlockedReason,
  };
}

function renderPage(d: Schemas['DecisionDto'], roles: Schemas['MeDto']['roles']) {
  // The decision and the signed-in user as the API answered them; no request may leave the test.
  const fetchSpy = vi.spyOn(globalThis, 'fetch').mockRejectedValue(new Error('no request expected'));
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  client.setQueryData(['decision', ID], d);
  client.setQueryData(['me', null], { id: ME, email: 'p@example.org', displayName: 'Petra Zeichner', roles, organisationId: null });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[`/bescheide/${ID}`]}>
        <Routes>
          <Route path="/bescheide/:id" element={<DecisionPage />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return fetchSpy;
}

describe('DecisionPage buttons follow allowedActions', () => {
  afterEach(() => vi.restoreAllMocks());

  it('shows the context of the proposal, „Freigeben …“ asks first naming Aktenzeichen and amount, „Zurückgeben“ too', async () => {
    const fetchSpy = renderPage(decision(['approve', 'return']), ['APPROVER']);
    const context = await screen.findByTestId('proposal-context');
    expect(within(context).getByText('Bedarf im Sozialraum belegt.')).toBeInTheDocument();
    expect(within(context).getByText(/Katrin Lorenz \(Sachgebietsleitung, Demo\), am 07\.12\.2026/)).toBeInTheDocument();
    expect(within(context).getByText('Honorare gekürzt.')).toBeInTheDocument();
    expect(within(screen.getByTestId('budget-effect')).getByText('91.000,00 €')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Entwurf des Bescheids ansehen (PDF)' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Zurückgeben/ })).toBeInTheDocument();
    expect(screen.queryByTestId('approval-blocked')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Freigeben …' }));
    const dialog = await screen.findByRole('dialog', { name: 'Zuwendungsbescheid FF-2026-0007 freigeben?' });
    expect(within(dialog).getByText(/mit einem Höchstbetrag von 18\.000,00/)).toBeInTheDocument();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Abbrechen' }));
    // Nothing was signed: no request left the page.
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('own proposal: no „Freigeben“ when approve is missing, the API’s reason instead; returning stays possible', async () => {
    renderPage(decision(['return'], OWN), ['APPROVER', 'STAFF']);
    expect(await screen.findByText(OWN)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Freigeben/ })).toBeNull();
    expect(screen.getByRole('button', { name: /Zurückgeben/ })).toBeInTheDocument();
  });

  it('no actions: neither button nor hint, whatever the roles say', async () => {
    renderPage(decision([]), ['ADMIN', 'STAFF', 'APPROVER']);
    expect(await screen.findByRole('heading', { name: 'Offener Vorschlag' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Freigeben/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Zurückgeben/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Änderung vorschlagen/ })).toBeNull();
    expect(screen.queryByTestId('approval-blocked')).toBeNull();
  });
});
