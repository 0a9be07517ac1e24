import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { api, call } from '../api/client';
import { applyProblem, TextField } from '../components/form';
import { Alert, Button, PageTitle, ProblemAlert } from '../components/ui';
import { passwordSchema, PASSWORD_MIN_LENGTH } from '../lib/schemas';

type Values = z.infer<typeof passwordSchema>;

export function PasswordPage() {
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<Values>({ resolver: zodResolver(passwordSchema), defaultValues: { currentPassword: '', newPassword: '', repeat: '' } });
  const change = useMutation({
    mutationFn: (v: Values) => call(api.POST('/api/v1/auth/password', { body: { currentPassword: v.currentPassword, newPassword: v.newPassword } })),
    onSuccess: () => form.reset(),
    onError: (err) => setShown(applyProblem(form, err)),
  });
  return (
    <>
      <PageTitle>Passwort ändern</PageTitle>
      {change.isSuccess ? (
        <Alert type="success" title="Passwort geändert" live>
          <p className="kern-body">Ihr neues Passwort gilt ab der nächsten Anmeldung.</p>
        </Alert>
      ) : null}
      <ProblemAlert error={change.error} shown={shown} />
      <form className="ff-form ff-form--narrow" noValidate onSubmit={form.handleSubmit((v) => change.mutate(v))}>
        <TextField form={form} name="currentPassword" label="Bisheriges Passwort" type="password" autoComplete="current-password" />
        <TextField form={form} name="newPassword" label="Neues Passwort" type="password" autoComplete="new-password" hint={`Mindestens ${PASSWORD_MIN_LENGTH} Zeichen.`} />
        <TextField form={form} name="repeat" label="Neues Passwort wiederholen" type="password" autoComplete="new-password" />
        <div className="ff-actions">
          <Button type="submit" busy={change.isPending}>
            Passwort ändern
          </Button>
        </div>
      </form>
    </>
  );
}
