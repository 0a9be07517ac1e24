import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useForm, type UseFormReturn } from 'react-hook-form';
import { describe, expect, it, vi } from 'vitest';
import { newApplicationForm } from './ApplicationEditor';
import { FinancingPlanEditor, planTotals } from './FinancingPlanEditor';
import type { ApplicationForm } from '../lib/schemas';

const NBSP = '\u00a0';
const CATEGORIES = [
  { code: 'PERSONNEL', name: 'Personalausgaben' },
  { code: 'MATERIAL_ADMIN', name: 'Sach- und Verwaltungsausgaben' },
];

function Harness({ initial }: { initial: ApplicationForm }) {
  const form = useForm<ApplicationForm>({ defaultValues: initial });
  return <FinancingPlanEditor form={form} costCategories={CATEGORIES} />;
}

const balance = () => screen.getByTestId('plan-balance-amount').textContent;

describe('FinancingPlanEditor: the live balance Σ Kosten − Σ Finanzierung', () => {
  it('updates the balance while typing and says when the plan is balanced', async () => {
    const user = userEvent.setup();
    render(<Harness initial={newApplicationForm('call-1', 2027)} />);
    expect(balance()).toBe(`0,00${NBSP}€`);

    await user.type(screen.getByLabelText('Betrag der Kosten in Euro, Zeile 1'), '100.000,00');
    expect(balance()).toBe(`100.000,00${NBSP}€`);
    expect(screen.getByTestId('plan-balance')).toHaveTextContent(`Es fehlen 100.000,00 € Finanzierung`);

    await user.type(screen.getByLabelText('Betrag der Finanzierung in Euro, Zeile 1'), '10.000');
    await user.type(screen.getByLabelText('Betrag der Finanzierung in Euro, Zeile 2'), '95000,00');
    expect(balance()).toBe(`-5.000,00${NBSP}€`);
    expect(screen.getByTestId('plan-balance')).toHaveTextContent(`Die Finanzierung übersteigt die Kosten um 5.000,00 €`);

    const grant = screen.getByLabelText('Betrag der Finanzierung in Euro, Zeile 2');
    await user.clear(grant);
    await user.type(grant, '90.000,00');
    expect(balance()).toBe(`0,00${NBSP}€`);
    expect(screen.getByTestId('plan-balance')).toHaveTextContent('Der Plan ist ausgeglichen.');
    expect(screen.getByTestId('plan-total-costs')).toHaveTextContent(`100.000,00 €`);
    expect(screen.getByTestId('plan-total-funding')).toHaveTextContent(`100.000,00 €`);
  });

  it('adds and removes rows; cents add up exactly', async () => {
    const user = userEvent.setup();
    render(<Harness initial={newApplicationForm('call-1', 2027)} />);
    await user.type(screen.getByLabelText('Betrag der Kosten in Euro, Zeile 1'), '0,10');
    await user.click(screen.getByRole('button', { name: 'Kostenzeile hinzufügen' }));
    await user.type(screen.getByLabelText('Betrag der Kosten in Euro, Zeile 2'), '0,20');
    expect(screen.getByTestId('plan-total-costs')).toHaveTextContent(`0,30 €`);
    await user.click(screen.getByRole('button', { name: 'Kostenzeile 1 entfernen' }));
    expect(screen.getByTestId('plan-total-costs')).toHaveTextContent(`0,20 €`);
    const table = screen.getByRole('table', { name: 'Kosten (Ausgaben)' });
    expect(within(table).getAllByRole('row')).toHaveLength(3); // head, one line, foot
  });

  it('planTotals counts unreadable amounts as 0 and sums the requested grant', () => {
    const t = planTotals({
      costLines: [{ category: 'PERSONNEL', description: 'x', amount: '1.000,00' }, { category: 'PERSONNEL', description: 'y', amount: 'abc' }],
      personnelPositions: [],
      fundingLines: [{ kind: 'OWN_FUNDS', source: 'a', amount: '100' }, { kind: 'GRANT', source: 'b', amount: '900,00' }],
    });
    expect(t).toEqual({ costs: 100000n, funding: 100000n, balance: 0n, requested: 90000n });
  });
});

describe('ApplicationEditor refuses to submit an unbalanced plan', () => {
  it('shows the refusal and never calls the API', async () => {
    const { ApplicationEditor } = await import('./ApplicationEditor');
    const { QueryClient, QueryClientProvider } = await import('@tanstack/react-query');
    const client = new QueryClient();
    client.setQueryData(['ref', 'cost-categories'], CATEGORIES);
    client.setQueryData(['ref', 'fields-of-action'], [{ code: 'LABOUR_MARKET', name: 'Arbeitsmarkt' }]);
    client.setQueryData(['ref', 'social-areas'], [{ code: 'ALTENBURG', name: 'Altenburg' }]);
    const save = vi.fn(async () => 'id-1');
    const submit = vi.fn(async () => undefined);
    const initial = newApplicationForm('call-1', 2027, { name: 'Maria Schubert', email: 'maria@example.org' });
    initial.title = 'Migrationsberatung';
    initial.purpose = 'Beratung';
    initial.targetGroup = 'Geflüchtete';
    initial.fieldsOfAction = ['LABOUR_MARKET'];
    initial.socialAreaCode = 'ALTENBURG';
    initial.financingPlan.costLines[0] = { category: 'PERSONNEL', description: 'Beratung', amount: '1.000,00' };
    initial.financingPlan.fundingLines[0]!.amount = '100,00';
    initial.financingPlan.fundingLines[1]!.amount = '800,00';
    const user = userEvent.setup();
    render(
      <QueryClientProvider client={client}>
        <ApplicationEditor initial={initial} save={save} submit={submit} onDone={() => undefined} />
      </QueryClientProvider>,
    );
    const button = screen.getByRole('button', { name: 'Antrag einreichen' });
    expect(button).toHaveAccessibleDescription('Einreichen ist erst bei einem Saldo von 0,00 € möglich.');
    await user.click(button);
    expect(await screen.findByTestId('submit-refusal')).toHaveTextContent('erst eingereicht werden, wenn der Saldo aus Kosten und Finanzierung 0,00 € beträgt');
    expect(save).not.toHaveBeenCalled();
    expect(submit).not.toHaveBeenCalled();

    const grant = screen.getByLabelText('Betrag der Finanzierung in Euro, Zeile 2');
    await user.clear(grant);
    await user.type(grant, '900,00');
    expect(button).toHaveAccessibleDescription('Mit dem Einreichen wird der Antrag verbindlich gestellt.');
    await user.click(button);
    await vi.waitFor(() => expect(submit).toHaveBeenCalledWith('id-1'));
    expect(save).toHaveBeenCalledTimes(1);
  });
});

describe('an API error on a whole list of the plan', () => {
  it('shows below that table (e.g. positions not matching the personnel costs)', async () => {
    const { ApiError } = await import('../api/problem');
    const { applyProblem } = await import('./form');
    const { act } = await import('@testing-library/react');
    const { useEffect } = await import('react');
    const forms: UseFormReturn<ApplicationForm>[] = [];
    function WithError({ onForm }: { onForm: (f: UseFormReturn<ApplicationForm>) => void }) {
      const form = useForm<ApplicationForm>({ defaultValues: newApplicationForm('call-1', 2027) });
      useEffect(() => {
        onForm(form);
      }, [form, onForm]);
      return <FinancingPlanEditor form={form} costCategories={CATEGORIES} />;
    }
    render(<WithError onForm={(f) => forms.push(f)} />);
    act(() => {
      applyProblem(
        forms[0]!,
        new ApiError({ status: 422, detail: 'Der Antrag kann so nicht eingereicht werden.', errors: [{ path: 'financingPlan.personnelPositions', message: 'Die Personalstellen ergeben 64.800,00 €, die Personalausgaben im Plan 80.000,00 €.' }] }),
      );
    });
    expect(await screen.findByText('Die Personalstellen ergeben 64.800,00 €, die Personalausgaben im Plan 80.000,00 €.')).toBeInTheDocument();
  });
});
