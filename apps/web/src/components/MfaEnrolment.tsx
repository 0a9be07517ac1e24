import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { api, call, type Schemas } from '../api/client';
import { applyProblem, TextField } from './form';
import { Alert, Button, ProblemAlert } from './ui';
import { mfaCodeSchema } from '../lib/schemas';

type Values = z.infer<typeof mfaCodeSchema>;
export type MfaSession = Schemas['AccessTokenDto'];

/** "ABCDEFGH…" → "ABCD EFGH …": easier to type into an app by hand. */
function grouped(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

/**
 * Setting up the second factor: a new key as QR code and text, confirmed with the app's first code;
 * then the recovery codes, shown this once. `restrictedToken`: the token a user gets after the
 * password when their role requires the factor (no session yet); confirming then ends the sign-in.
 */
export function MfaEnrolment({ restrictedToken, onFinished }: { restrictedToken?: string; onFinished: (session: MfaSession | null) => void }) {
  const headers = restrictedToken ? { Authorization: `Bearer ${restrictedToken}` } : undefined;
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<Values>({ resolver: zodResolver(mfaCodeSchema), defaultValues: { code: '' } });
  const start = useMutation({ mutationFn: () => call(api.POST('/api/v1/auth/mfa/enrolment', { headers })) });
  const confirm = useMutation({
    mutationFn: (v: Values) => call(api.POST('/api/v1/auth/mfa/enrolment/confirm', { headers, body: { code: v.code.replace(/\s/g, '') } })),
    onError: (err) => setShown(applyProblem(form, err)),
  });

  if (confirm.data) {
    const { recoveryCodes, session } = confirm.data;
    return (
      <section aria-labelledby="mfa-codes-title">
        <Alert type="success" title="Zweiter Faktor eingerichtet" live>
          <p className="kern-body">Ab der nächsten Anmeldung fragt Förderfluss nach dem Code aus Ihrer Authenticator-App.</p>
        </Alert>
        <h2 id="mfa-codes-title" className="kern-heading-medium">
          Ihre Wiederherstellungscodes
        </h2>
        <p className="kern-body">
          Wenn Sie Ihr Gerät verlieren, melden Sie sich mit einem dieser Codes an. Jeder Code gilt <strong>einmal</strong>. Bewahren Sie die
          Codes sicher auf, z. B. ausgedruckt: <strong>sie werden nur jetzt angezeigt.</strong>
        </p>
        <ol className="ff-recovery-codes" data-testid="recovery-codes">
          {recoveryCodes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ol>
        <div className="ff-actions">
          <Button onClick={() => onFinished(session)}>{session ? 'Codes gesichert – weiter zu Förderfluss' : 'Codes gesichert'}</Button>
        </div>
      </section>
    );
  }

  if (!start.data) {
    return (
      <section>
        <p className="kern-body">
          Sie brauchen eine Authenticator-App auf Ihrem Smartphone (z. B. FreeOTP, Google Authenticator oder Microsoft Authenticator). Nach
          der Einrichtung fragt Förderfluss bei jeder Anmeldung zusätzlich nach dem sechsstelligen Code aus der App.
        </p>
        <ProblemAlert error={start.error} />
        <div className="ff-actions">
          <Button busy={start.isPending} onClick={() => start.mutate()}>
            Einrichtung beginnen
          </Button>
        </div>
      </section>
    );
  }

  return (
    <section aria-labelledby="mfa-setup-title">
      <h2 id="mfa-setup-title" className="kern-heading-medium">
        1. Schlüssel in die App übernehmen
      </h2>
      <p className="kern-body">Scannen Sie den QR-Code mit Ihrer Authenticator-App. Geht das nicht, tippen Sie den Schlüssel von Hand ein.</p>
      <div className="ff-mfa-setup">
        <img className="ff-mfa-qr" src={start.data.qrCode} alt="QR-Code mit dem Schlüssel für die Authenticator-App" width={220} height={220} />
        <div>
          <p className="kern-body kern-body--bold">Schlüssel zum Abtippen</p>
          <p className="ff-mfa-secret" data-testid="mfa-secret" data-secret={start.data.secret}>
            <code>{grouped(start.data.secret)}</code>
          </p>
          <p className="kern-body kern-body--small kern-body--muted">Zeitbasiert (TOTP), 6 Ziffern, alle 30 Sekunden neu.</p>
        </div>
      </div>
      <h2 className="kern-heading-medium">2. Mit dem ersten Code bestätigen</h2>
      <ProblemAlert error={confirm.error} shown={shown} />
      <form className="ff-form ff-form--narrow" noValidate onSubmit={form.handleSubmit((v) => confirm.mutate(v))}>
        <TextField form={form} name="code" label="Code aus der App" inputMode="numeric" autoComplete="one-time-code" hint="Die sechs Ziffern, die die App gerade anzeigt." />
        <div className="ff-actions">
          <Button type="submit" busy={confirm.isPending}>
            Bestätigen
          </Button>
        </div>
      </form>
    </section>
  );
}
