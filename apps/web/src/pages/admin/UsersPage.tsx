import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { api, call } from '../../api/client';
import { applyProblem, SelectField, TextField } from '../../components/form';
import { Badge, Button, PageTitle, ProblemAlert, QueryView, Section, TableWrap } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import { ROLE_LABELS } from '../../lib/labels';
import { PASSWORD_MIN_LENGTH, userSchema } from '../../lib/schemas';

type Values = z.infer<typeof userSchema>;

export function UsersPage() {
  const queryClient = useQueryClient();
  const users = useQuery({ queryKey: ['users'], queryFn: () => call(api.GET('/api/v1/users', { params: { query: { limit: 200 } } })) });
  const orgs = useQuery({ queryKey: ['organisations', 'all'], queryFn: () => call(api.GET('/api/v1/organisations', { params: { query: { limit: 200 } } })) });
  const toggle = useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) =>
      active ? call(api.POST('/api/v1/users/{id}/deactivate', { params: { path: { id } } })) : call(api.POST('/api/v1/users/{id}/activate', { params: { path: { id } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
  const orgName = (id: string | null) => orgs.data?.items.find((o) => o.id === id)?.name ?? '–';
  return (
    <>
      <PageTitle>Benutzer und Rollen</PageTitle>
      <ProblemAlert error={toggle.error} />
      <QueryView query={users}>
        {(page) => (
          <TableWrap label="Benutzer">
            <table className="kern-table kern-table--small" data-testid="users">
              <caption className="kern-sr-only">Benutzer</caption>
              <thead className="kern-table__head"><tr className="kern-table__row"><th className="kern-table__header" scope="col">Name</th><th className="kern-table__header" scope="col">E-Mail</th><th className="kern-table__header" scope="col">Rollen</th><th className="kern-table__header" scope="col">Organisation</th><th className="kern-table__header" scope="col">Status</th><th className="kern-table__header" scope="col">Aktion</th></tr></thead>
              <tbody className="kern-table__body">
                {page.items.map((u) => (
                  <tr className="kern-table__row" key={u.id}>
                    <td className="kern-table__cell">{u.displayName}</td>
                    <td className="kern-table__cell">{u.email}</td>
                    <td className="kern-table__cell">{u.roles.map((r) => ROLE_LABELS[r] ?? r).join(', ')}</td>
                    <td className="kern-table__cell">{orgName(u.organisationId)}</td>
                    <td className="kern-table__cell">{u.active ? <Badge tone="success">aktiv</Badge> : <Badge tone="danger">deaktiviert {formatDateTime(u.deactivatedAt)}</Badge>}</td>
                    <td className="kern-table__cell">
                      <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={() => toggle.mutate({ id: u.id, active: u.active })}>
                        <span className="kern-label">{u.active ? 'Deaktivieren' : 'Aktivieren'}<span className="kern-sr-only">: {u.displayName}</span></span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </QueryView>
      <NewUser orgs={(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))} />
    </>
  );
}

function NewUser({ orgs }: { orgs: { value: string; label: string }[] }) {
  const queryClient = useQueryClient();
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<Values>({ resolver: zodResolver(userSchema), defaultValues: { email: '', displayName: '', password: '', role: 'STAFF', organisationId: '' } });
  const role = useWatch({ control: form.control, name: 'role' });
  const create = useMutation({
    mutationFn: (v: Values) =>
      call(api.POST('/api/v1/users', { body: { email: v.email.trim(), displayName: v.displayName.trim(), password: v.password, roles: [v.role], ...(v.organisationId ? { organisationId: v.organisationId } : {}) } })),
    onSuccess: () => {
      form.reset();
      void queryClient.invalidateQueries({ queryKey: ['users'] });
    },
    onError: (err) => setShown(applyProblem(form, err, (p) => (p.startsWith('roles') ? 'role' : p))),
  });
  return (
    <Section title="Benutzer anlegen">
      <form className="ff-form" noValidate onSubmit={form.handleSubmit((v) => create.mutate(v))}>
        <ProblemAlert error={create.error} shown={shown} />
        <div className="ff-grid">
          <TextField form={form} name="displayName" label="Name" />
          <TextField form={form} name="email" label="E-Mail-Adresse" type="email" />
          <TextField form={form} name="password" label="Erstpasswort" type="password" autoComplete="new-password" hint={`Mindestens ${PASSWORD_MIN_LENGTH} Zeichen; bitte nach der ersten Anmeldung ändern.`} />
          <SelectField form={form} name="role" label="Rolle" options={Object.entries(ROLE_LABELS).map(([value, l]) => ({ value, label: l }))} />
          {role === 'PROVIDER' ? <SelectField form={form} name="organisationId" label="Träger" placeholder="Bitte wählen" options={orgs} /> : null}
        </div>
        <div className="ff-actions"><Button type="submit" busy={create.isPending}>Benutzer anlegen</Button></div>
      </form>
    </Section>
  );
}
