import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { api, call } from '../api/client';
import { applyProblem, TextField } from '../components/form';
import { MfaEnrolment } from '../components/MfaEnrolment';
import { Alert, Button, DescriptionList, PageTitle, ProblemAlert, QueryView } from '../components/ui';
import { formatDateTime } from '../lib/format';
import { mfaCodeSchema } from '../lib/schemas';

type Values = z.infer<typeof mfaCodeSchema>;
const STATUS_KEY = ['auth', 'mfa'];

/** The user's own second factor: set it up, see how many recovery codes are left, remove it. */
export function MfaPage() {
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: STATUS_KEY, queryFn: () => call(api.GET('/api/v1/auth/mfa')) });
  const [removed, setRemoved] = useState(false);
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<Values>({ resolver: zodResolver(mfaCodeSchema), defaultValues: { code: '' } });
  const disable = useMutation({
    mutationFn: (v: Values) => call(api.POST('/api/v1/auth/mfa/disable', { body: { code: v.code.trim() } })),
    onSuccess: async () => {
      form.reset();
      setRemoved(true);
      await queryClient.invalidateQueries({ queryKey: STATUS_KEY });
    },
    onError: (err) => setShown(applyProblem(form, err)),
  });
  return (
    <>
      <PageTitle subtitle="Ein Code aus einer Authenticator-App auf Ihrem Smartphone schützt Ihr Konto auch dann, wenn jemand Ihr Passwort kennt.">
        Zweiter Faktor
      </PageTitle>
      <QueryView query={status}>
        {(s) =>
          s.enabled ? (
            <>
              <Alert type="success" title="Zweiter Faktor ist eingerichtet" />
              <DescriptionList
                items={[
                  ['Eingerichtet am', formatDateTime(s.enabledAt)],
                  ['Unbenutzte Wiederherstellungscodes', String(s.recoveryCodesLeft)],
                ]}
              />
              <h2 className="kern-heading-medium">Zweiten Faktor entfernen</h2>
              <p className="kern-body">
                {s.required
                  ? 'Für Ihre Rolle ist der zweite Faktor vorgeschrieben: nach dem Entfernen richten Sie bei der nächsten Anmeldung einen neuen ein (z. B. auf einem neuen Smartphone).'
                  : 'Danach melden Sie sich wieder nur mit dem Passwort an.'}
              </p>
              <ProblemAlert error={disable.error} shown={shown} />
              <form className="ff-form ff-form--narrow" noValidate onSubmit={form.handleSubmit((v) => disable.mutate(v))}>
                <TextField form={form} name="code" label="Aktueller Code oder Wiederherstellungscode" autoComplete="one-time-code" />
                <div className="ff-actions">
                  <Button type="submit" variant="secondary" busy={disable.isPending}>
                    Zweiten Faktor entfernen
                  </Button>
                </div>
              </form>
            </>
          ) : (
            <>
              {removed ? (
                <Alert type="success" title="Zweiter Faktor entfernt" live>
                  <p className="kern-body">Sie können jetzt einen neuen einrichten.</p>
                </Alert>
              ) : null}
              {s.required ? (
                <Alert type="info" title="Für Ihre Rolle vorgeschrieben">
                  <p className="kern-body">Ohne zweiten Faktor können Sie sich künftig nicht mehr anmelden.</p>
                </Alert>
              ) : null}
              <MfaEnrolment
                onFinished={() => {
                  setRemoved(false);
                  void queryClient.invalidateQueries({ queryKey: STATUS_KEY });
                }}
              />
            </>
          )
        }
      </QueryView>
    </>
  );
}
