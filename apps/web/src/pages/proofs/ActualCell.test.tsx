import { zodResolver } from '@hookform/resolvers/zod';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useForm } from 'react-hook-form';
import { describe, expect, it } from 'vitest';
import { ActualCell, figuresSchema, type FiguresForm } from './ProofPage';

const NBSP = '\u00a0';

function Harness({ onValid }: { onValid: (v: FiguresForm) => void }) {
  const form = useForm<FiguresForm>({
    resolver: zodResolver(figuresSchema),
    defaultValues: {
      costLines: [{ category: 'MATERIAL_ADMIN', description: 'Miete', planned: '15000.00', override: false, actual: '13.500,00', overrideReason: '' }],
      ownFunds: '0,00',
      thirdPartyFunds: '0,00',
    },
  });
  return (
    <form onSubmit={form.handleSubmit(onValid)}>
      <table>
        <tbody>
          <tr>
            <ActualCell form={form} index={0} name="Sach- und Verwaltungsausgaben" fromReceipts="13500.00" />
          </tr>
        </tbody>
      </table>
      <button type="submit">speichern</button>
    </form>
  );
}

describe('the Ist of a plan line: the sum of its Belege, changed only with a reason', () => {
  it('shows the sum from the Belegliste; "ändern" asks for an amount and a reason; back to the Belegliste', async () => {
    const user = userEvent.setup();
    const saved: FiguresForm[] = [];
    render(<Harness onValid={(v) => saved.push(v)} />);
    expect(screen.getByTestId('actual-0').textContent).toBe(`13.500,00${NBSP}€`);
    expect(screen.queryByLabelText('Ist in Euro, Sach- und Verwaltungsausgaben')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Ist ändern, Sach- und Verwaltungsausgaben' }));
    const amount = screen.getByLabelText('Ist in Euro, Sach- und Verwaltungsausgaben');
    expect(amount).toHaveValue('13.500,00');
    await user.clear(amount);
    await user.type(amount, '14.000,00');
    await user.click(screen.getByRole('button', { name: 'speichern' }));
    expect(await screen.findByText('Bitte begründen Sie, warum das Ist von der Belegliste abweicht.')).toBeInTheDocument();
    expect(screen.getByLabelText('Begründung der Abweichung')).toHaveAttribute('aria-invalid', 'true');
    expect(saved).toEqual([]);

    await user.type(screen.getByLabelText('Begründung der Abweichung'), 'Nebenkostenabrechnung fehlt noch.');
    await user.click(screen.getByRole('button', { name: 'speichern' }));
    await screen.findByText('Belege: 13.500,00 €');
    expect(saved.at(-1)?.costLines[0]).toMatchObject({ override: true, actual: '14.000,00', overrideReason: 'Nebenkostenabrechnung fehlt noch.' });

    await user.click(screen.getByRole('button', { name: 'Belegliste übernehmen' }));
    expect(screen.getByTestId('actual-0').textContent).toBe(`13.500,00${NBSP}€`);
  });
});
