/**
 * Einstellungen des Landkreises (issue 20): Aktenzeichen-Präfix, Briefkopf und Unterschrift,
 * Auftraggeberkonto der Zahlungsdateien, Haushaltsstellen. Leere Felder: der Vorgabewert (beim
 * ersten Landkreis der Installation die Konfiguration, sonst die Stammdaten des Landkreises).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { api, call, type Schemas } from '../../api/client';
import { useCurrentUser } from '../../auth/auth';
import { applyProblem, TextArea, TextField } from '../../components/form';
import { Alert, Badge, Button, DescriptionList, PageTitle, ProblemAlert, QueryView, Section } from '../../components/ui';

type Settings = Schemas['DistrictSettingsDto'];
type UpdateBody = Schemas['UpdateDistrictSettingsDto'];

const TEXT_FIELDS = [
  ['letterheadName', 'Name im Briefkopf', 'z. B. „Landkreis Greiz – Landratsamt“'],
  ['letterheadDepartment', 'Organisationseinheit', 'z. B. „Fachdienst Integration“'],
  ['letterheadDistrictName', 'Landkreis im Fließtext', 'z. B. „Landkreis Greiz“'],
  ['letterheadAuthorityName', 'Behörde im Fließtext und als Unterzeichnende', 'z. B. „Landratsamt Greiz“'],
  ['letterheadStreet', 'Straße und Hausnummer', undefined],
  ['letterheadPostalCode', 'Postleitzahl', undefined],
  ['letterheadCity', 'Ort', undefined],
  ['letterheadPhone', 'Telefon (Zentrale)', undefined],
  ['letterheadEmail', 'E-Mail', undefined],
  ['letterheadWebsite', 'Internetseite', undefined],
  ['letterheadBankName', 'Kreditinstitut', undefined],
  ['signaturePlace', 'Ort der Unterschrift', 'Standard: Ort des Briefkopfs'],
  ['signatureRepresentedBy', 'Vertretung in Verträgen', 'z. B. „die Landrätin“; Standard: „den Landrat“'],
  ['debtorName', 'Kontoinhaber (SEPA-Auftraggeber)', undefined],
  ['debtorIban', 'IBAN des Auftraggeberkontos', 'Von diesem Konto zahlen die Zahlungsdateien aus; Rückzahlungen gehen dorthin.'],
  ['debtorBic', 'BIC', undefined],
] as const;

type TextKey = (typeof TEXT_FIELDS)[number][0];
type FormValues = Record<TextKey | 'referencePrefix' | 'officeHours' | 'budgetLines' | 'districtShareDefault', string>;

function toForm(s: Settings): FormValues {
  const v = s.stored;
  const values = Object.fromEntries(TEXT_FIELDS.map(([key]) => [key, v[key] ?? ''])) as Record<TextKey, string>;
  return {
    ...values,
    referencePrefix: v.referencePrefix ?? '',
    officeHours: (v.letterheadOfficeHours ?? []).join('\n'),
    budgetLines: (v.budgetLines ?? []).map((l) => `${l.code}; ${l.label}`).join('\n'),
    districtShareDefault: v.districtShareDefault ?? '',
  };
}

function toBody(v: FormValues, version: number): UpdateBody {
  const text = (s: string): string | null => (s.trim() === '' ? null : s.trim());
  const body: UpdateBody = { version, referencePrefix: text(v.referencePrefix), districtShareDefault: text(v.districtShareDefault.replace(',', '.')) };
  for (const [key] of TEXT_FIELDS) body[key] = text(v[key]);
  body.letterheadOfficeHours = v.officeHours.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  body.budgetLines = v.budgetLines
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l) => {
      const [code, ...label] = l.split(';');
      return { code: (code ?? '').trim(), label: label.join(';').trim() };
    });
  return body;
}

export function DistrictSettingsPage() {
  const me = useCurrentUser();
  const districtId = me.districtId;
  const settings = useQuery({
    queryKey: ['district-settings', districtId],
    enabled: !!districtId,
    queryFn: () => call(api.GET('/api/v1/districts/{id}/settings', { params: { path: { id: districtId! } } })),
  });
  return (
    <>
      <PageTitle subtitle="Aktenzeichen, Briefkopf und Unterschrift der Schreiben, Auftraggeberkonto der Zahlungsdateien und Haushaltsstellen des Landkreises">Landkreis</PageTitle>
      {districtId ? (
        <QueryView query={settings}>{(s) => <DistrictSettingsForm key={s.version} settings={s} />}</QueryView>
      ) : (
        <Alert type="info" title="Kein Landkreis">Ihr Konto gehört zu keinem Landkreis. Die Einstellungen eines Landkreises ändert dessen Administration.</Alert>
      )}
    </>
  );
}

function DistrictSettingsForm({ settings }: { settings: Settings }) {
  const queryClient = useQueryClient();
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<FormValues>({ defaultValues: toForm(settings) });
  const save = useMutation({
    mutationFn: (v: FormValues) => call(api.PUT('/api/v1/districts/{id}/settings', { params: { path: { id: settings.districtId } }, body: toBody(v, settings.version) })),
    onSuccess: (saved) => {
      setShown([]);
      queryClient.setQueryData(['district-settings', settings.districtId], saved);
    },
    onError: (err) =>
      setShown(
        applyProblem(form, err, (path) => (path === 'letterheadOfficeHours' ? 'officeHours' : path.startsWith('budgetLines') ? 'budgetLines' : path)),
      ),
  });
  const e = settings.effective;
  return (
    <>
      <Section title="Wirksam" actions={settings.home ? <Badge tone="info">Vorgaben aus der Konfiguration</Badge> : null}>
        <DescriptionList
          items={[
            ['Landkreis', settings.districtName],
            ['Aktenzeichen', e.referencePrefix ? `${e.referencePrefix}-A-…, ${e.referencePrefix}-FF-…` : 'ohne Präfix (A-…, FF-…)'],
            ['Briefkopf', `${e.letterhead.name}, ${e.letterhead.street}, ${e.letterhead.postalCode} ${e.letterhead.city}`],
            ['Auftraggeberkonto', e.debtor.iban ? `${e.debtor.name}, ${e.debtor.iban}` : <Badge key="d" tone="warning">fehlt – keine Zahlungsdatei möglich</Badge>],
          ]}
        />
      </Section>
      <Section title="Einstellungen">
        <form className="ff-form ff-form--narrow" noValidate onSubmit={form.handleSubmit((v) => save.mutate(v), () => save.reset())}>
          <p className="kern-body">Leere Felder verwenden den Vorgabewert.</p>
          <TextField form={form} name="referencePrefix" label="Präfix der Aktenzeichen" hint="2 bis 5 Großbuchstaben, z. B. GRZ; leer: ohne Präfix" optional />
          {TEXT_FIELDS.map(([name, label, hint]) => (
            <TextField key={name} form={form} name={name} label={label} hint={hint} optional />
          ))}
          <TextArea form={form} name="officeHours" label="Sprechzeiten" hint="Eine Zeile je Eintrag" optional rows={3} />
          <TextArea form={form} name="budgetLines" label="Haushaltsstellen" hint="Eine Zeile je Haushaltsstelle: Nummer; Bezeichnung" optional rows={4} />
          <TextField form={form} name="districtShareDefault" label="Üblicher Eigenanteil des Landkreises" hint="Anteil zwischen 0 und 1, z. B. 0,1" optional inputMode="decimal" />
          <ProblemAlert error={save.error} shown={shown} />
          {save.isSuccess ? <p className="kern-body" role="status">Gespeichert.</p> : null}
          <div className="ff-actions">
            <Button type="submit" busy={save.isPending}>Einstellungen speichern</Button>
          </div>
        </form>
      </Section>
    </>
  );
}
