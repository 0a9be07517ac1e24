import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Schemas } from '../api/client';
import { CaseAssignmentPanel, caseKey } from './CaseAssignmentPanel';

const ID = '11111111-1111-4111-8111-111111111111';
const SABINE = { id: '22222222-2222-4222-8222-222222222222', displayName: 'Sabine Kretzschmar' };
const THOMAS = { id: '33333333-3333-4333-8333-333333333333', displayName: 'Dr. Thomas Reinhardt' };

function view(allowedActions: Schemas['CaseDto']['allowedActions'], followUpActions: Schemas['FollowUpDto']['allowedActions']): Schemas['CaseDto'] {
  return {
    type: 'APPLICATION',
    id: ID,
    reference: 'A-2026-0007',
    assignee: SABINE,
    standIn: THOMAS,
    assignedAt: '2026-12-07T09:00:00.000Z',
    assignedBy: SABINE,
    nextFollowUp: { dueDate: '2026-12-20', note: 'Stellungnahme abwarten' },
    followUps: [
      {
        id: '44444444-4444-4444-8444-444444444444',
        dueDate: '2026-12-20',
        note: 'Stellungnahme abwarten',
        status: 'OPEN',
        createdAt: '2026-12-07T09:00:00.000Z',
        createdBy: SABINE,
        doneAt: null,
        doneBy: null,
        allowedActions: followUpActions,
      },
    ],
    allowedActions,
  };
}

function renderPanel(c: Schemas['CaseDto'], roles: Schemas['MeDto']['roles']) {
  // The case, the people to choose and the signed-in user as the API answered them; no request leaves the test.
  vi.spyOn(globalThis, 'fetch').mockRejectedValue(new Error('no request expected'));
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  client.setQueryData(caseKey('APPLICATION', ID), c);
  client.setQueryData(['case-assignees'], [
    { ...SABINE, roles: ['STAFF'] },
    { ...THOMAS, roles: ['APPROVER'] },
  ]);
  client.setQueryData(['me', null], { id: SABINE.id, email: 's@example.org', displayName: SABINE.displayName, roles, organisationId: null });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <CaseAssignmentPanel type="APPLICATION" id={ID} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

afterEach(() => vi.restoreAllMocks());

describe('CaseAssignmentPanel', () => {
  it('names assignee, stand-in and the next Wiedervorlage by display name, and offers what allowedActions allow', () => {
    renderPanel(view(['assign', 'addFollowUp'], ['complete']), ['STAFF']);
    expect(screen.getByRole('heading', { name: 'Zuständigkeit und Wiedervorlagen' })).toBeInTheDocument();
    expect(screen.getAllByText('Sabine Kretzschmar').length).toBeGreaterThan(0);
    expect(screen.getByText('20.12.2026: Stellungnahme abwarten')).toBeInTheDocument();
    expect(screen.getByLabelText('Zuständig')).toHaveValue(SABINE.id);
    expect(screen.getByLabelText(/^Vertretung/)).toHaveValue(THOMAS.id);
    expect(screen.getByRole('button', { name: 'Zuständigkeit speichern' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Wiedervorlage anlegen' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /^Als erledigt markieren/ })).toBeInTheDocument();
  });

  it('reads only for the Prüfung: no form, no button', () => {
    renderPanel(view([], []), ['AUDITOR']);
    expect(screen.getByText('Dr. Thomas Reinhardt')).toBeInTheDocument();
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.queryByLabelText('Zuständig')).toBeNull();
  });

  it('shows a Träger nothing at all', () => {
    const { container } = renderPanel(view(['assign', 'addFollowUp'], ['complete']), ['PROVIDER']);
    expect(container).toBeEmptyDOMElement();
  });
});
