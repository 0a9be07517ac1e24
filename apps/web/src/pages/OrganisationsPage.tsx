import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { z } from 'zod';
import { api, call } from '../api/client';
import { hasRole, useCurrentUser } from '../auth/auth';
import { applyProblem, Checkbox, TextField } from '../components/form';
import { Badge, Button, Empty, PageTitle, ProblemAlert, QueryView, Section, TableWrap } from '../components/ui';
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

export function OrganisationsPage() {
  const me = useCurrentUser();
  const [q, setQ] = useState('');
  const list = useQuery({ queryKey: ['organisations', q], queryFn: () => call(api.GET('/api/v1/organisations', { params: { query: { kind: 'PROVIDER', limit: 200, ...(q ? { q } : {}) } } })) });
  return (
    <>
      <PageTitle>Träger</PageTitle>
      <div className="ff-filters">
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="o-q">Suche (Name oder Ort)</label>
          <input id="o-q" className="kern-form-input__input" value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
      </div>
      <QueryView query={list}>
        {(page) => page.items.length === 0 ? <Empty>Keine Träger gefunden.</Empty> : (
          <TableWrap label="Träger">
            <table className="kern-table kern-table--small">
              <caption className="kern-sr-only">Träger</caption>
              <thead className="kern-table__head"><tr className="kern-table__row"><th className="kern-table__header" scope="col">Name</th><th className="kern-table__header" scope="col">Ort</th><th className="kern-table__header" scope="col">Ansprechperson</th><th className="kern-table__header" scope="col">Bankverbindung</th><th className="kern-table__header" scope="col">Aktiv</th></tr></thead>
              <tbody className="kern-table__body">
                {page.items.map((o) => (
                  <tr className="kern-table__row" key={o.id}>
                    <td className="kern-table__cell"><Link className="kern-link" to={`/traeger/${o.id}`}>{o.name}</Link></td>
                    <td className="kern-table__cell">{o.city ?? '–'}</td>
                    <td className="kern-table__cell">{o.contactName ?? '–'}</td>
                    <td className="kern-table__cell"><Badge tone={tone(BANK_TONE, o.bankAccountStatus)}>{label(BANK_STATUS, o.bankAccountStatus)}</Badge></td>
                    <td className="kern-table__cell">{o.active ? 'ja' : 'nein'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </QueryView>
      {hasRole(me, 'ADMIN', 'STAFF') ? <NewProvider /> : null}
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
