/** A Träger's master data, contact and bank account (a change waits for the Kreis's confirmation). */
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useParams } from 'react-router';
import type { z } from 'zod';
import { api, call, type Schemas } from '../api/client';
import { useOrganisation } from '../api/queries';
import { mayAct, useCurrentUser } from '../auth/auth';
import { applyProblem, FormProblems, TextField } from '../components/form';
import { Alert, Badge, Button, DescriptionList, PageTitle, ProblemAlert, QueryView, Section } from '../components/ui';
import { formatDate, formatDateTime } from '../lib/format';
import { BANK_STATUS, BANK_TONE, label, ORG_KIND, tone } from '../lib/labels';
import { bankAccountSchema, contactSchema, toChangeBankAccountBody, toUpdateContactBody } from '../lib/schemas';

export function OwnOrganisationPage() {
  const me = useCurrentUser();
  const query = useOrganisation(me.organisationId);
  return <QueryView query={query} what="Die Organisation">{(o) => <OrganisationView o={o} />}</QueryView>;
}

export function OrganisationPage() {
  const { id = '' } = useParams();
  const query = useOrganisation(id);
  return <QueryView query={query} what="Der Träger">{(o) => <OrganisationView o={o} />}</QueryView>;
}

function formatIban(iban: string | null | undefined): string {
  return iban ? iban.replace(/(.{4})/g, '$1 ').trim() : '–';
}

function OrganisationView({ o }: { o: Schemas['OrganisationDto'] }) {
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['organisation', o.id] });
  const mayEdit = mayAct(me, 'ADMIN', 'STAFF', 'PROVIDER');
  const confirm = useMutation({
    mutationFn: () => call(api.POST('/api/v1/organisations/{id}/bank-account/confirm', { params: { path: { id: o.id } } })),
    onSuccess: refresh,
  });
  return (
    <>
      <PageTitle subtitle={`${label(ORG_KIND, o.kind)} · ${o.code}`}>{o.name}</PageTitle>
      <Section title="Stammdaten">
        <DescriptionList
          items={[
            ['Name', o.name],
            ['Rechtsform', o.legalForm ?? '–'],
            ['Anschrift', [o.street, [o.postalCode, o.city].filter(Boolean).join(' ')].filter(Boolean).join(', ') || '–'],
            ['Gemeinnützig', o.nonProfit ? `ja${o.nonProfitNoticeDate ? ` (Freistellungsbescheid vom ${formatDate(o.nonProfitNoticeDate)})` : ''}` : 'nein'],
            ['Vorsteuerabzug', o.vatDeductible ? 'ja' : 'nein'],
            ['Aktiv', o.active ? 'ja' : 'nein'],
          ]}
        />
      </Section>
      <Section title="Kontakt">
        {mayEdit ? <ContactForm o={o} onDone={refresh} /> : <DescriptionList items={[['Ansprechperson', o.contactName ?? '–'], ['E-Mail', o.contactEmail ?? '–'], ['Telefon', o.contactPhone ?? '–']]} />}
      </Section>
      <Section title="Bankverbindung">
        <DescriptionList
          items={[
            ['IBAN', <span className="ff-mono" key="i">{formatIban(o.iban)}</span>],
            ['BIC', o.bic ?? '–'],
            ['Kontoinhaber', o.accountHolder ?? '–'],
            ['Stand', <Badge key="s" tone={tone(BANK_TONE, o.bankAccountStatus)}>{label(BANK_STATUS, o.bankAccountStatus)}</Badge>],
            ['Geändert', formatDateTime(o.bankAccountChangedAt)],
            ['Bestätigt', formatDateTime(o.bankAccountConfirmedAt)],
          ]}
        />
        {o.bankAccountStatus === 'PENDING_CONFIRMATION' && mayAct(me, 'ADMIN', 'STAFF', 'APPROVER') ? (
          <div className="ff-actions">
            <ProblemAlert error={confirm.error} title="Bestätigung nicht möglich" />
            <Button onClick={() => confirm.mutate()} busy={confirm.isPending}>Neue Bankverbindung bestätigen</Button>
          </div>
        ) : null}
        {mayEdit ? <BankForm o={o} onDone={refresh} /> : null}
      </Section>
    </>
  );
}

function ContactForm({ o, onDone }: { o: Schemas['OrganisationDto']; onDone: () => void }) {
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<z.infer<typeof contactSchema>>({
    resolver: zodResolver(contactSchema),
    defaultValues: { contactName: o.contactName ?? '', contactEmail: o.contactEmail ?? '', contactPhone: o.contactPhone ?? '' },
  });
  const save = useMutation({
    mutationFn: (v: z.infer<typeof contactSchema>) =>
      call(api.PATCH('/api/v1/organisations/{id}/contact', { params: { path: { id: o.id } }, body: toUpdateContactBody(v) })),
    onSuccess: onDone,
    onError: (err) => setShown(applyProblem(form, err)),
  });
  return (
    <form className="ff-form ff-form--narrow" noValidate onSubmit={form.handleSubmit((v) => save.mutate(v))}>
      {save.isSuccess ? <Alert type="success" title="Kontakt gespeichert" live /> : null}
      <TextField form={form} name="contactName" label="Ansprechperson" autoComplete="name" />
      <TextField form={form} name="contactEmail" label="E-Mail-Adresse" type="email" autoComplete="email" />
      <TextField form={form} name="contactPhone" label="Telefon" type="tel" optional autoComplete="tel" />
      <FormProblems error={save.error} shown={shown} title="Der Kontakt wurde nicht gespeichert" />
      <div className="ff-actions"><Button type="submit" busy={save.isPending}>Kontakt speichern</Button></div>
    </form>
  );
}

function BankForm({ o, onDone }: { o: Schemas['OrganisationDto']; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<z.input<typeof bankAccountSchema>, unknown, z.output<typeof bankAccountSchema>>({
    resolver: zodResolver(bankAccountSchema),
    defaultValues: { iban: '', bic: '', accountHolder: o.accountHolder ?? o.name },
  });
  const save = useMutation({
    mutationFn: (v: z.output<typeof bankAccountSchema>) =>
      call(api.PUT('/api/v1/organisations/{id}/bank-account', { params: { path: { id: o.id } }, body: toChangeBankAccountBody(v) })),
    onSuccess: () => {
      setOpen(false);
      onDone();
    },
    onError: (err) => setShown(applyProblem(form, err)),
  });
  if (!open) {
    return (
      <div className="ff-actions">
        {save.isSuccess ? <Alert type="success" title="Änderung gespeichert" live><p className="kern-body">Die neue Bankverbindung gilt, sobald das Landratsamt sie bestätigt hat.</p></Alert> : null}
        <Button variant="secondary" onClick={() => setOpen(true)}>Bankverbindung ändern …</Button>
      </div>
    );
  }
  return (
    <form className="ff-form ff-form--narrow" noValidate onSubmit={form.handleSubmit((v) => save.mutate(v))}>
      <p className="kern-body">Auszahlungen gehen erst auf das neue Konto, wenn das Landratsamt die Änderung bestätigt hat (Vier-Augen-Prinzip).</p>
      <TextField form={form} name="iban" label="IBAN" autoComplete="off" />
      <TextField form={form} name="bic" label="BIC" optional autoComplete="off" />
      <TextField form={form} name="accountHolder" label="Kontoinhaber" />
      <FormProblems error={save.error} shown={shown} title="Die Bankverbindung wurde nicht geändert" />
      <div className="ff-actions">
        <Button type="submit" busy={save.isPending}>Bankverbindung ändern</Button>
        <Button variant="secondary" onClick={() => setOpen(false)}>Abbrechen</Button>
      </div>
    </form>
  );
}
