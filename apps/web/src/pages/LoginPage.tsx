import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Navigate, useLocation, useNavigate } from 'react-router';
import type { z } from 'zod';
import { api, call } from '../api/client';
import { session } from '../api/session';
import { useSession } from '../auth/auth';
import { applyProblem, TextField } from '../components/form';
import { Alert, Button, PageTitle, ProblemAlert } from '../components/ui';
import { loginSchema } from '../lib/schemas';

type Values = z.infer<typeof loginSchema>;

export function LoginPage() {
  const { token } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const state = (location.state ?? {}) as { from?: string; reason?: string | null };
  const [reason] = useState(state.reason ?? session.snapshot().ended);
  const [shown, setShown] = useState<string[]>([]);
  useEffect(() => session.acknowledge(), []);
  const form = useForm<Values>({ resolver: zodResolver(loginSchema), defaultValues: { email: '', password: '' } });
  const login = useMutation({
    mutationFn: (v: Values) => call(api.POST('/api/v1/auth/login', { body: { email: v.email.trim(), password: v.password } })),
    onSuccess: (data) => {
      session.start(data.accessToken, data.expiresIn);
      const target = state.from && state.from !== '/anmelden' ? state.from : '/';
      navigate(target, { replace: true });
    },
    onError: (err) => setShown(applyProblem(form, err)),
  });
  if (token && !login.isPending) return <Navigate to="/" replace />;
  return (
    <div className="ff-app">
      <div className="kern-kopfzeile">
        <div className="kern-container">
          <div className="kern-kopfzeile__content">
            <span className="kern-kopfzeile__flagge" aria-hidden="true" />
            <span className="kern-kopfzeile__label">Ein Angebot des Landkreises Altenburger Land</span>
          </div>
        </div>
      </div>
      <main id="inhalt" className="kern-container ff-main">
        <PageTitle subtitle="Zuwendungsmanagement des Landkreises Altenburger Land">Anmelden bei Förderfluss</PageTitle>
        {reason === 'expired' ? (
          <Alert type="warning" title="Sitzung abgelaufen" live>
            <p className="kern-body">Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.</p>
          </Alert>
        ) : null}
        {reason === 'logout' ? (
          <Alert type="success" title="Abgemeldet" live>
            <p className="kern-body">Sie haben sich abgemeldet.</p>
          </Alert>
        ) : null}
        <ProblemAlert error={login.error} shown={shown} title="Anmeldung fehlgeschlagen" />
        <form className="ff-form ff-form--narrow" noValidate onSubmit={form.handleSubmit((v) => login.mutate(v))}>
          <TextField form={form} name="email" label="E-Mail-Adresse" type="email" autoComplete="username" />
          <TextField form={form} name="password" label="Passwort" type="password" autoComplete="current-password" />
          <div className="ff-actions">
            <Button type="submit" busy={login.isPending}>
              Anmelden
            </Button>
          </div>
        </form>
      </main>
    </div>
  );
}
