/** Offene Daten (360Giving, issue 19): the ADMIN switches the publication on, with the Kreis's registered prefix. */
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { api, call, type Schemas } from '../../api/client';
import { applyProblem, Checkbox, SelectField, TextField } from '../../components/form';
import { Badge, Button, DescriptionList, PageTitle, ProblemAlert, QueryView, Section } from '../../components/ui';
import { OPEN_DATA_LICENCE } from '../../lib/labels';
import { openDataSettingsSchema } from '../../lib/schemas';

type FormValues = z.infer<typeof openDataSettingsSchema>;

export function OpenDataPage() {
  const settings = useQuery({ queryKey: ['open-data-settings'], queryFn: () => call(api.GET('/api/v1/open-data/settings')) });
  return (
    <>
      <PageTitle subtitle="Bewilligte Förderungen nach dem 360Giving Data Standard veröffentlichen: nur öffentliche Angaben, keine personenbezogenen Daten, keine Bankverbindung">
        Offene Daten
      </PageTitle>
      <QueryView query={settings}>{(s) => <OpenDataForm settings={s} />}</QueryView>
      <Preview />
    </>
  );
}

function OpenDataForm({ settings }: { settings: Schemas['OpenDataSettingsDto'] }) {
  const queryClient = useQueryClient();
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<FormValues>({
    resolver: zodResolver(openDataSettingsSchema),
    defaultValues: { enabled: settings.enabled, prefix: settings.prefix ?? '', funderIdentifier: settings.funderIdentifier ?? '', licence: settings.licence },
  });
  const enabled = useWatch({ control: form.control, name: 'enabled' });
  const save = useMutation({
    mutationFn: (v: FormValues) =>
      call(
        api.PUT('/api/v1/open-data/settings', {
          body: {
            enabled: v.enabled,
            prefix: v.prefix.trim() === '' ? null : v.prefix.trim(),
            funderIdentifier: v.funderIdentifier.trim() === '' ? null : v.funderIdentifier.trim(),
            licence: v.licence,
            version: settings.version,
          },
        }),
      ),
    onSuccess: (saved) => {
      setShown([]);
      queryClient.setQueryData(['open-data-settings'], saved);
      void queryClient.invalidateQueries({ queryKey: ['open-data-preview'] });
    },
    onError: (err) => setShown(applyProblem(form, err)),
  });
  return (
    <Section title="Veröffentlichung" actions={settings.enabled ? <Badge tone="success">veröffentlicht</Badge> : <Badge tone="warning">nicht veröffentlicht</Badge>}>
      <div className="ff-stack">
        <DescriptionList
          items={[
            ['Zuwendungsgeber', settings.funderName],
            ['Kennung des Zuwendungsgebers', settings.effectiveFunderIdentifier ?? '– (erst mit Präfix)'],
            ['Lizenz', <a key="l" className="kern-link" href={settings.licenceUrl} rel="noreferrer" target="_blank">{OPEN_DATA_LICENCE[settings.licence]}</a>],
          ]}
        />
        <form className="ff-form ff-form--narrow" noValidate onSubmit={form.handleSubmit((v) => save.mutate(v), () => save.reset())}>
          <Checkbox form={form} name="enabled" label="Förderungen als offene Daten veröffentlichen" hint="Dann sind JSON und CSV ohne Anmeldung abrufbar." />
          <TextField
            form={form}
            name="prefix"
            label="360Giving-Präfix"
            hint="Das von 360Giving für den Landkreis registrierte Präfix, z. B. 360G-altenburgerland. Jede Förderung erhält die Kennung Präfix-Aktenzeichen."
            optional={!enabled}
          />
          <TextField
            form={form}
            name="funderIdentifier"
            label="Organisationskennung des Landkreises"
            hint="Nach org-id.guide, wenn vorhanden; sonst nennt sich der Kreis mit einer Kennung unter dem Präfix."
            optional
          />
          <SelectField form={form} name="licence" label="Lizenz" options={Object.entries(OPEN_DATA_LICENCE).map(([value, label]) => ({ value, label }))} />
          <ProblemAlert error={save.error} shown={shown} />
          {save.isSuccess ? <p className="kern-body" role="status">Gespeichert.</p> : null}
          <div className="ff-actions">
            <Button type="submit" busy={save.isPending}>Einstellungen speichern</Button>
          </div>
        </form>
      </div>
    </Section>
  );
}

function Preview() {
  const [year, setYear] = useState(() => new Date().getFullYear());
  const valid = Number.isInteger(year) && year >= 2000 && year <= 2100;
  const preview = useQuery({
    queryKey: ['open-data-preview', year],
    queryFn: () => call(api.GET('/api/v1/open-data/preview', { params: { query: { year } } })),
    enabled: valid,
  });
  const json = `/api/v1/open-data/360giving?year=${year}`;
  const csv = `/api/v1/open-data/360giving.csv?year=${year}`;
  return (
    <Section title="Vorschau">
      <div className="ff-form ff-form--narrow">
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="open-data-year">Haushaltsjahr</label>
          <input
            id="open-data-year"
            className="kern-form-input__input"
            type="number"
            inputMode="numeric"
            min={2000}
            max={2100}
            value={Number.isNaN(year) ? '' : year}
            onChange={(e) => setYear(e.target.valueAsNumber)}
          />
        </div>
      </div>
      {valid ? (
        <QueryView query={preview}>
          {(p) => (
            <>
              <p className="kern-body" data-testid="open-data-count">
                {p.grants === 1 ? '1 Förderung' : `${p.grants.toLocaleString('de-DE')} Förderungen`} im Haushaltsjahr {p.year}{' '}
                {p.enabled ? 'werden veröffentlicht.' : 'würden veröffentlicht, sobald die Veröffentlichung eingeschaltet ist.'}
              </p>
              {p.enabled ? (
                <ul className="kern-list">
                  <li><a className="kern-link" href={json}>360Giving-Daten {p.year} als JSON</a></li>
                  <li><a className="kern-link" href={csv}>360Giving-Daten {p.year} als CSV</a></li>
                </ul>
              ) : null}
            </>
          )}
        </QueryView>
      ) : (
        <p className="kern-body">Bitte ein Jahr zwischen 2000 und 2100 angeben.</p>
      )}
    </Section>
  );
}
