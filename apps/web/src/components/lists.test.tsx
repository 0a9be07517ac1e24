import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, useLocation, useNavigate } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { LoadMore, useListQuery, type ListQuery } from './lists';
import { DataTable } from './table';

type Row = { id: string; reference: string };
const STATUSES = { SUBMITTED: 'eingereicht', APPROVED: 'bewilligt' } as const;
type S = keyof typeof STATUSES;
type K = 'reference' | 'requestedAmount';

function Where() {
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <>
      <output data-testid="address">{location.search}</output>
      <button type="button" onClick={() => navigate(-1)}>
        Zurück
      </button>
    </>
  );
}

function TestList({ fetchPage }: { fetchPage: (q: ListQuery<S, K>) => Promise<{ items: Row[]; nextCursor: string | null }> }) {
  const list = useListQuery<Row, K, S>({
    key: 'test-list',
    filters: ['status', 'budgetYear'],
    sortKeys: ['reference', 'requestedAmount'],
    defaultSort: 'reference',
    statuses: STATUSES,
    fetchPage,
  });
  return (
    <>
      <button type="button" onClick={() => list.setStatus([...list.state.status, 'APPROVED'])}>
        auch bewilligte
      </button>
      <DataTable
        caption="Testliste"
        rows={list.items}
        rowKey={(r) => r.id}
        sort={list.sort}
        columns={[
          { header: 'Zeichen', sortKey: 'reference', cell: (r) => r.reference },
          { header: 'Betrag', sortKey: 'requestedAmount', cell: () => '1,00 €' },
        ]}
      />
      <LoadMore list={list} one="Eintrag" many="Einträge" />
    </>
  );
}

function renderList(address: string) {
  const fetchPage = vi.fn(async (q: ListQuery<S, K>) =>
    q.cursor ? { items: [{ id: '3', reference: 'A-3' }], nextCursor: null } : { items: [{ id: '1', reference: 'A-1' }, { id: '2', reference: 'A-2' }], nextCursor: 'next-page' },
  );
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[address]}>
        <TestList fetchPage={fetchPage} />
        <Where />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return fetchPage;
}

describe('useListQuery: sort and filters in the address, pages from the server', () => {
  it('asks the API for what the address says (unknown status dropped), and marks the sorted column', async () => {
    const fetchPage = renderList('/liste?sort=-requestedAmount&status=SUBMITTED,GEHEIM&budgetYear=2026');
    await screen.findByText('A-1');
    expect(fetchPage).toHaveBeenCalledWith({ limit: 50, sort: ['-requestedAmount'], status: ['SUBMITTED'], budgetYear: 2026 });
    expect(screen.getByRole('columnheader', { name: /Betrag/ })).toHaveAttribute('aria-sort', 'descending');
    expect(screen.getByRole('columnheader', { name: /Zeichen/ })).not.toHaveAttribute('aria-sort');
  });

  it('a click on a header writes the sort into the address and asks again; back restores the previous sort', async () => {
    const fetchPage = renderList('/liste');
    await screen.findByText('A-1');
    expect(screen.getByRole('columnheader', { name: /Zeichen/ })).toHaveAttribute('aria-sort', 'ascending');
    fireEvent.click(screen.getByRole('button', { name: /Zeichen/ }));
    await waitFor(() => expect(screen.getByTestId('address')).toHaveTextContent('?sort=-reference'));
    await waitFor(() => expect(fetchPage).toHaveBeenLastCalledWith({ limit: 50, sort: ['-reference'] }));
    expect(screen.getByRole('columnheader', { name: /Zeichen/ })).toHaveAttribute('aria-sort', 'descending');
    fireEvent.click(screen.getByRole('button', { name: 'Zurück' }));
    await waitFor(() => expect(screen.getByTestId('address')).toBeEmptyDOMElement());
    expect(screen.getByRole('columnheader', { name: /Zeichen/ })).toHaveAttribute('aria-sort', 'ascending');
  });

  it('a filter change keeps the other parameters and is sent comma-separated as a list', async () => {
    const fetchPage = renderList('/liste?status=SUBMITTED&sort=requestedAmount');
    await screen.findByText('A-1');
    fireEvent.click(screen.getByRole('button', { name: 'auch bewilligte' }));
    await waitFor(() => expect(screen.getByTestId('address')).toHaveTextContent('?status=SUBMITTED%2CAPPROVED&sort=requestedAmount'));
    await waitFor(() => expect(fetchPage).toHaveBeenLastCalledWith({ limit: 50, sort: ['requestedAmount'], status: ['SUBMITTED', 'APPROVED'] }));
  });

  it('„Weitere laden“ asks for the next page with the cursor and appends it; then there is no more', async () => {
    const fetchPage = renderList('/liste?sort=reference');
    await screen.findByText('A-2');
    expect(screen.getByTestId('list-count')).toHaveTextContent('2 Einträge angezeigt');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Weitere laden' })));
    await screen.findByText('A-3');
    expect(fetchPage).toHaveBeenLastCalledWith({ limit: 50, sort: ['reference'], cursor: 'next-page' });
    expect(screen.getAllByRole('row')).toHaveLength(4);
    expect(screen.getByTestId('list-count')).toHaveTextContent('3 Einträge angezeigt, mehr gibt es nicht');
    expect(screen.queryByRole('button', { name: 'Weitere laden' })).toBeNull();
  });
});
