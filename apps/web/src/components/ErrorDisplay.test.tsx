import { zodResolver } from '@hookform/resolvers/zod';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiError, toProblem } from '../api/problem';
import { applyProblem, FormProblems, TextField } from './form';
import { ProblemAlert } from './ui';

const schema = z.object({ email: z.string(), contactName: z.string().min(1, 'Bitte eine Ansprechperson angeben.') });

/** A form that "sends" and gets the API's problem+json back. */
function Form({ problem }: { problem: unknown }) {
  const form = useForm<z.infer<typeof schema>>({ resolver: zodResolver(schema), defaultValues: { email: 'x', contactName: 'Maria' } });
  const [error, setError] = useState<unknown>(null);
  const [shown, setShown] = useState<string[]>([]);
  return (
    <form
      noValidate
      onSubmit={form.handleSubmit(() => {
        const err = new ApiError(toProblem(400, problem));
        setError(err);
        setShown(applyProblem(form, err));
      })}
    >
      <ProblemAlert error={error} shown={shown} />
      <TextField form={form} name="email" label="E-Mail-Adresse" />
      <TextField form={form} name="contactName" label="Ansprechperson" />
      <button type="submit">Speichern</button>
    </form>
  );
}

describe('API errors in German next to the field they name', () => {
  it('puts errors[] on their fields (aria-invalid, described by the message) and the rest in the alert', async () => {
    const user = userEvent.setup();
    render(
      <Form
        problem={{
          type: 'https://foerderfluss.de/probleme/validation',
          title: 'Ungültige Eingabe',
          status: 400,
          detail: 'Die Eingabe ist ungültig.',
          code: 'VALIDATION',
          errors: [
            { path: 'email', message: 'email muss eine gültige E-Mail-Adresse sein.' },
            { path: 'financingPlan.costLines[0].amount', message: 'Höchstens zwei Nachkommastellen.' },
          ],
        }}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'Speichern' }));
    const email = screen.getByLabelText('E-Mail-Adresse');
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription('email muss eine gültige E-Mail-Adresse sein.');
    expect(screen.getByLabelText('Ansprechperson')).not.toHaveAttribute('aria-invalid');
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Die Eingabe ist ungültig.');
    // the field error shown next to its field is not repeated; the one without a field is listed
    expect(alert).not.toHaveTextContent('gültige E-Mail-Adresse');
    expect(alert).toHaveTextContent('Höchstens zwei Nachkommastellen.');
  });

  it('shows schema errors before sending', async () => {
    const user = userEvent.setup();
    render(<Form problem={{}} />);
    await user.clear(screen.getByLabelText('Ansprechperson'));
    await user.click(screen.getByRole('button', { name: 'Speichern' }));
    expect(await screen.findByText('Bitte eine Ansprechperson angeben.')).toBeInTheDocument();
    expect(screen.getByLabelText('Ansprechperson')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('falls back to German text when the server sent no problem body', () => {
    render(<ProblemAlert error={new ApiError(toProblem(503, null))} />);
    expect(screen.getByRole('alert')).toHaveTextContent('Auf dem Server ist ein Fehler aufgetreten');
    render(<ProblemAlert error={new ApiError({ status: 0 })} title="Offline" />);
    expect(screen.getByText(/Der Server ist nicht erreichbar/)).toBeInTheDocument();
  });
});

/** The same form with the problems next to its button (FormProblems), as the Träger forms have it. */
function ActionForm({ problem }: { problem: unknown }) {
  const form = useForm<z.infer<typeof schema>>({ resolver: zodResolver(schema), defaultValues: { email: 'x', contactName: 'Maria' } });
  const [error, setError] = useState<unknown>(null);
  const [shown, setShown] = useState<string[]>([]);
  return (
    <form
      noValidate
      onSubmit={form.handleSubmit(() => {
        const err = new ApiError(toProblem(400, problem));
        setError(err);
        setShown(applyProblem(form, err));
      })}
    >
      <TextField form={form} name="email" label="E-Mail-Adresse" />
      <TextField form={form} name="contactName" label="Ansprechperson" />
      <FormProblems error={error} shown={shown} title="Nicht gespeichert" />
      <div className="ff-actions">
        <button type="submit">Speichern</button>
      </div>
    </form>
  );
}

describe('Problems next to the button that caused them', () => {
  it('a refusal without a field: shown before the button, with the focus on it', async () => {
    const user = userEvent.setup();
    render(<ActionForm problem={{ status: 409, detail: 'Es fehlen Pflichtanlagen: Finanzierungsplan (unterschrieben).', errors: [] }} />);
    await user.click(screen.getByRole('button', { name: 'Speichern' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Es fehlen Pflichtanlagen: Finanzierungsplan (unterschrieben).');
    await vi.waitFor(() => expect(alert).toHaveFocus());
    expect(alert.compareDocumentPosition(screen.getByRole('button', { name: 'Speichern' })) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('field errors: the first field has the focus; the generic detail becomes what to do, unplaced ones get a German field name', async () => {
    const user = userEvent.setup();
    render(
      <ActionForm
        problem={{
          status: 400,
          detail: 'Die Eingaben sind ungültig.',
          errors: [
            { path: 'contactName', message: 'Bitte eine Ansprechperson angeben.' },
            { path: 'callId', message: 'Dieses Feld ist hier nicht vorgesehen.' },
          ],
        }}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'Speichern' }));
    const alert = await screen.findByRole('alert');
    await vi.waitFor(() => expect(screen.getByLabelText('Ansprechperson')).toHaveFocus());
    expect(alert).not.toHaveTextContent('Die Eingaben sind ungültig.');
    expect(alert).toHaveTextContent('Bitte korrigieren Sie die markierten Angaben (1 Angabe).');
    expect(alert).toHaveTextContent('Projektaufruf: Dieses Feld ist hier nicht vorgesehen.');
  });
});
