import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Navigate, useLocation, useNavigate } from 'react-router';
import type { z } from 'zod';
import { api, call, type Schemas } from '../api/client';
import { session } from '../api/session';
import { useSession } from '../auth/auth';
import { applyProblem, TextField } from '../components/form';
import { MfaEnrolment } from '../components/MfaEnrolment';
import { Alert, Button, PageTitle, ProblemAlert } from '../components/ui';
import { loginSchema, mfaCodeSchema } from '../lib/schemas';

type Values = z.infer<typeof loginSchema>;
type CodeValues = z.infer<typeof mfaCodeSchema>;
type Challenge = Schemas['MfaChallengeDto'];

/** The second step: the app's code (or a recovery code) for the mfaToken the password step handed out. */
function CodeStep({ challenge, onSignedIn, onCancel }: { challenge: Challenge; onSignedIn: (s: Schemas['AccessTokenDto']) => void; onCancel: () => void }) {
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<CodeValues>({ resolver: zodResolver(mfaCodeSchema), defaultValues: { code: '' } });
  const verify = useMutation({
    mutationFn: (v: CodeValues) => call(api.POST('/api/v1/auth/mfa', { body: { mfaToken: challenge.mfaToken, code: v.code.trim() } })),
    onSuccess: onSignedIn,
    onError: (err) => {
      form.setValue('code', '');
      setShown(applyProblem(form, err));
    },
  });
  return (
    <>
      <h2 className="kern-heading-medium">Zweiter Faktor</h2>
      <p className="kern-body">Geben Sie den sechsstelligen Code ein, den Ihre Authenticator-App gerade anzeigt.</p>
      <ProblemAlert error={verify.error} shown={shown} title="Anmeldung fehlgeschlagen" />
      <form className="ff-form ff-form--narrow" noValidate onSubmit={form.handleSubmit((v) => verify.mutate(v))}>
        <TextField
          form={form}
          name="code"
          label="Code aus der Authenticator-App"
          autoComplete="one-time-code"
          hint="Gerät verloren? Geben Sie stattdessen einen Ihrer Wiederherstellungscodes ein."
        />
        <div className="ff-actions">
          <Button type="submit" busy={verify.isPending}>
            Anmelden
          </Button>
          <Button variant="tertiary" onClick={onCancel}>
            Abbrechen
          </Button>
        </div>
      </form>
    </>
  );
}

export function LoginPage() {
  const { token } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const state = (location.state ?? {}) as { from?: string; reason?: string | null };
  const [reason] = useState(state.reason ?? session.snapshot().ended);
  const [shown, setShown] = useState<string[]>([]);
  useEffect(() => session.acknowledge(), []);
  const [challenge, setChallenge] = useState<Challenge | null>(null);
  const form = useForm<Values>({ resolver: zodResolver(loginSchema), defaultValues: { email: '', password: '' } });
  const signedIn = (data: Schemas['AccessTokenDto']) => {
    session.start(data.accessToken, data.expiresIn);
    const target = state.from && state.from !== '/anmelden' ? state.from : '/';
    navigate(target, { replace: true });
  };
  const login = useMutation({
    mutationFn: (v: Values) => call(api.POST('/api/v1/auth/login', { body: { email: v.email.trim(), password: v.password } })),
    onSuccess: (data) => {
      if ('mfaRequired' in data) {
        form.reset({ email: form.getValues('email'), password: '' });
        setChallenge(data);
      } else signedIn(data);
    },
    onError: (err) => setShown(applyProblem(form, err)),
  });
  const cancel = () => {
    setChallenge(null);
    login.reset();
  };
  if (token && !login.isPending) return <Navigate to="/" replace />;
  return (
    <div className="ff-app">
      <div className="kern-kopfzeile">
        <div className="kern-container">
          <div className="kern-kopfzeile__content">
            <span className="kern-kopfzeile__flagge" aria-hidden="true" />
            <span className="kern-kopfzeile__label">Zuwendungsmanagement des Landes und der Landkreise</span>
          </div>
        </div>
      </div>
      <main id="inhalt" className="kern-container ff-main">
        <PageTitle subtitle="Zuwendungsmanagement des Landes und der Landkreise">Anmelden bei Förderfluss</PageTitle>
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
        {challenge === null ? (
          <>
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
          </>
        ) : challenge.enrolmentRequired ? (
          <>
            <Alert type="info" title="Zweiter Faktor erforderlich">
              <p className="kern-body">
                Für Ihre Rolle ist ein zweiter Faktor vorgeschrieben. Richten Sie ihn jetzt ein; danach sind Sie angemeldet.
              </p>
            </Alert>
            <MfaEnrolment restrictedToken={challenge.mfaToken} onFinished={(s) => (s ? signedIn(s) : cancel())} />
            <div className="ff-actions">
              <Button variant="tertiary" onClick={cancel}>
                Abbrechen
              </Button>
            </div>
          </>
        ) : (
          <CodeStep challenge={challenge} onSignedIn={signedIn} onCancel={cancel} />
        )}
      </main>
    </div>
  );
}
