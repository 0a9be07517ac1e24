import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { z } from 'zod';
import { api, call, type Schemas } from '../api/client';
import { mayAct, useCurrentUser } from '../auth/auth';
import { applyProblem, Checkbox, TextField } from '../components/form';
import { ListFilters, LoadMore, useListQuery } from '../components/lists';
import { DataTable, type Column } from '../components/table';
import { Badge, Button, PageTitle, ProblemAlert, QueryView, Section } from '../components/ui';
import { BANK_STATUS, BANK_TONE, label, tone } from '../lib/labels';

const newProviderSchema = z.object({
  name: z.string().trim().min(1, 'Bitte den Namen angeben.').max(300),
  legalForm: z.string().max(100),
  street: z.string().max(200),
  postalCode: z.union([z.literal(''), z.string().regex(/^\d{5}$/, 'Bitte eine fünfstellige Postleitzahl angeben.')]),
  city: z.string().max(100),
  contactName: z.string().max(200),
  contactEmail: z.union([z.literal(''), z.email('Bitte eine gültige E-Mail-Adresse angeben.')]),
  nonProfit: z.boolean(),
});

type O = Schemas['OrganisationDto'];

export function OrganisationsPage() {
  const me = useCurrentUser();
  const list = useListQuery({
    key: 'organisations',
    filters: ['q'],
    sortKeys: ['name', 'city', 'createdAt'],
    defaultSort: 'name',
    fetchPage: (query) => call(api.GET('/api/v1/organisations', { params: { query: { ...query, kind: 'PROVIDER' } } })),
  });
  const columns: Column<O>[] = [
    { header: 'Name', sortKey: 'name', className: 'ff-wrap', cell: (o) => <Link className="kern-link" to={`/traeger/${o.id}`}>{o.name}</Link> },
    { header: 'Ort', sortKey: 'city', cell: (o) => o.city ?? '–' },
    { header: 'Ansprechperson', cell: (o) => o.contactName ?? '–' },
    { header: 'Bankverbindung', cell: (o) => <Badge tone={tone(BANK_TONE, o.bankAccountStatus)}>{label(BANK_STATUS, o.bankAccountStatus)}</Badge> },
    { header: 'Aktiv', cell: (o) => (o.active ? 'ja' : 'nein') },
  ];
  return (
    <>
      <PageTitle>Träger</PageTitle>
      <ListFilters list={list} searchLabel="Suche (Name oder Ort)" />
      <QueryView query={list.query}>
        {(rows) => <DataTable caption="Träger" testId="organisations" rows={rows} rowKey={(o) => o.id} columns={columns} sort={list.sort} empty="Keine Träger gefunden." />}
      </QueryView>
      <LoadMore list={list} one="Träger" many="Träger" />
      {mayAct(me, 'ADMIN', 'STAFF') ? <NewProvider /> : null}
    </>
  );
}

function NewProvider() {
  const queryClient = useQueryClient();
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<z.infer<typeof newProviderSchema>>({
    resolver: zodResolver(newProviderSchema),
    defaultValues: { name: '', legalForm: 'e.V.', street: '', postalCode: '', city: '', contactName: '', contactEmail: '', nonProfit: true },
  });
  const create = useMutation({
    mutationFn: (v: z.infer<typeof newProviderSchema>) =>
      call(
        api.POST('/api/v1/organisations', {
          body: {
            kind: 'PROVIDER',
            name: v.name.trim(),
            legalForm: v.legalForm.trim() || null,
            street: v.street.trim() || null,
            postalCode: v.postalCode || null,
            city: v.city.trim() || null,
            contactName: v.contactName.trim() || null,
            contactEmail: v.contactEmail.trim() || null,
            nonProfit: v.nonProfit,
          },
        }),
      ),
    onSuccess: () => {
      form.reset();
      void queryClient.invalidateQueries({ queryKey: ['organisations'] });
    },
    onError: (err) => setShown(applyProblem(form, err)),
  });
  return (
    <Section title="Neuen Träger anlegen">
      <form className="ff-form" noValidate onSubmit={form.handleSubmit((v) => create.mutate(v))}>
        <ProblemAlert error={create.error} shown={shown} />
        <div className="ff-grid">
          <TextField form={form} name="name" label="Name" />
          <TextField form={form} name="legalForm" label="Rechtsform" optional />
          <TextField form={form} name="street" label="Straße" optional />
          <TextField form={form} name="postalCode" label="PLZ" optional inputMode="numeric" />
          <TextField form={form} name="city" label="Ort" optional />
          <TextField form={form} name="contactName" label="Ansprechperson" optional />
          <TextField form={form} name="contactEmail" label="E-Mail" type="email" optional />
        </div>
        <Checkbox form={form} name="nonProfit" label="gemeinnützig" />
        <div className="ff-actions"><Button type="submit" busy={create.isPending}>Träger anlegen</Button></div>
      </form>
    </Section>
  );
}
