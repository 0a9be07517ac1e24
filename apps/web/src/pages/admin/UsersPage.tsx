import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { api, call, type Schemas } from '../../api/client';
import { ApiError } from '../../api/problem';
import { useCurrentUser } from '../../auth/auth';
import { ActionDialog } from '../../components/dialog';
import { applyProblem, CheckboxGroup, FormProblems, SelectField, TextField } from '../../components/form';
import { Alert, Badge, Button, PageTitle, ProblemAlert, QueryView, Section, TableWrap } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import { ROLE_LABELS } from '../../lib/labels';
import { PASSWORD_MIN_LENGTH, rolesSchema, userSchema } from '../../lib/schemas';

type Values = z.infer<typeof userSchema>;
type RolesValues = z.infer<typeof rolesSchema>;
type User = Schemas['UserDto'];

const roleList = (roles: readonly string[]) => roles.map((r) => ROLE_LABELS[r] ?? r).join(', ');
const ROLE_OPTIONS = Object.entries(ROLE_LABELS).map(([value, label]) => ({ value, label }));

/** What was done last, said above the table after its dialog closed. */
type Done = { kind: 'roles'; user: User } | { kind: 'mfa'; user: User };

export function UsersPage() {
  const queryClient = useQueryClient();
  const me = useCurrentUser();
  const [rolesFor, setRolesFor] = useState<User | null>(null);
  const [mfaFor, setMfaFor] = useState<User | null>(null);
  const [done, setDone] = useState<Done | null>(null);
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
      {done?.kind === 'roles' ? (
        <Alert type="success" title="Rollen geändert" live>
          <p className="kern-body">
            {done.user.displayName} hat jetzt: {roleList(done.user.roles)}. Die Person wurde abgemeldet; die neuen Rollen gelten ab ihrer nächsten Anmeldung.
          </p>
        </Alert>
      ) : null}
      {done?.kind === 'mfa' ? (
        <Alert type="success" title="Zweiter Faktor zurückgesetzt" live>
          <p className="kern-body">
            Der zweite Faktor von {done.user.displayName} und die Wiederherstellungscodes sind gelöscht. Schreibt die Rolle einen zweiten Faktor vor, richtet die Person ihn bei der nächsten Anmeldung neu ein.
          </p>
        </Alert>
      ) : null}
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
                    <td className="kern-table__cell">{roleList(u.roles)}</td>
                    <td className="kern-table__cell">{orgName(u.organisationId)}</td>
                    <td className="kern-table__cell">{u.active ? <Badge tone="success">aktiv</Badge> : <Badge tone="danger">deaktiviert {formatDateTime(u.deactivatedAt)}</Badge>}</td>
                    <td className="kern-table__cell">
                      <div className="ff-cell-actions">
                        <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={() => toggle.mutate({ id: u.id, active: u.active })}>
                          <span className="kern-label">{u.active ? 'Deaktivieren' : 'Aktivieren'}<span className="kern-sr-only">: {u.displayName}</span></span>
                        </button>
                        {/* One's own roles and factor are changed by another ADMIN (the API refuses the roles; the factor has its own page). */}
                        {u.id !== me.id ? (
                          <>
                            <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={() => { setDone(null); setRolesFor(u); }}>
                              <span className="kern-label">Rollen ändern<span className="kern-sr-only">: {u.displayName}</span></span>
                            </button>
                            <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={() => { setDone(null); setMfaFor(u); }}>
                              <span className="kern-label">Zweiten Faktor zurücksetzen<span className="kern-sr-only">: {u.displayName}</span></span>
                            </button>
                          </>
                        ) : null}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </QueryView>
      {rolesFor ? (
        <RolesDialog
          user={rolesFor}
          onClose={() => setRolesFor(null)}
          onDone={(user) => {
            setRolesFor(null);
            setDone({ kind: 'roles', user });
            void queryClient.invalidateQueries({ queryKey: ['users'] });
          }}
        />
      ) : null}
      {mfaFor ? (
        <ResetMfaDialog
          user={mfaFor}
          onClose={() => setMfaFor(null)}
          onDone={() => {
            setMfaFor(null);
            setDone({ kind: 'mfa', user: mfaFor });
          }}
        />
      ) : null}
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
          <SelectField form={form} name="role" label="Rolle" options={ROLE_OPTIONS} />
          {role === 'PROVIDER' ? <SelectField form={form} name="organisationId" label="Träger" placeholder="Bitte wählen" options={orgs} /> : null}
        </div>
        <div className="ff-actions"><Button type="submit" busy={create.isPending}>Benutzer anlegen</Button></div>
      </form>
    </Section>
  );
}

/** Rollen ändern: the API checks the combination and the account's organisation and says why not, next to the roles. */
function RolesDialog({ user, onClose, onDone }: { user: User; onClose: () => void; onDone: (user: User) => void }) {
  const formId = useId();
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<RolesValues>({ resolver: zodResolver(rolesSchema), defaultValues: { roles: [...user.roles] } });
  const save = useMutation({
    mutationFn: (v: RolesValues) => call(api.PUT('/api/v1/users/{id}/roles', { params: { path: { id: user.id } }, body: { roles: v.roles } })),
    onSuccess: onDone,
    onError: (err) => setShown(applyProblem(form, err)),
  });
  return (
    <ActionDialog
      open
      title={`Rollen von ${user.displayName} ändern`}
      onClose={onClose}
      footer={
        <Button type="submit" form={formId} busy={save.isPending}>
          Rollen speichern
        </Button>
      }
    >
      <form id={formId} className="ff-stack" noValidate onSubmit={form.handleSubmit((v) => save.mutate(v))}>
        <p className="kern-body">
          Bisher: {roleList(user.roles)}. Nach dem Speichern wird {user.displayName} abgemeldet; die neuen Rollen gelten ab der nächsten Anmeldung.
        </p>
        <CheckboxGroup form={form} name="roles" legend="Rollen" options={ROLE_OPTIONS} hint="„Träger“ und „Prüfung (nur lesen)“ lassen sich nicht mit anderen Rollen verbinden." />
        <FormProblems error={save.error} shown={shown} title="Rollen nicht geändert" />
      </form>
    </ActionDialog>
  );
}

/**
 * Zweiten Faktor zurücksetzen, after a lost phone: the API removes the factor and its recovery
 * codes. Its refusal for an account without a factor speaks to the account holder („Ihr Konto“),
 * so here it is said about the account in hand.
 */
function ResetMfaDialog({ user, onClose, onDone }: { user: User; onClose: () => void; onDone: () => void }) {
  const reset = useMutation({
    mutationFn: () => call(api.POST('/api/v1/users/{id}/mfa/reset', { params: { path: { id: user.id } } })),
    onSuccess: onDone,
  });
  const none = reset.error instanceof ApiError && reset.error.code === 'MFA_NOT_ENABLED';
  return (
    <ActionDialog
      open
      title="Zweiten Faktor zurücksetzen?"
      onClose={onClose}
      footer={
        <Button busy={reset.isPending} onClick={() => reset.mutate()}>
          Ja, zurücksetzen
        </Button>
      }
    >
      <p className="kern-body">
        Die Authenticator-App und die Wiederherstellungscodes von {user.displayName} (<span className="ff-break">{user.email}</span>) gelten danach nicht mehr. Schreibt eine Rolle des Kontos einen zweiten Faktor vor, muss{' '}
        {user.displayName} ihn bei der nächsten Anmeldung neu einrichten; sonst genügt bis dahin das Passwort.
      </p>
      <p className="kern-body">Bitte nur, wenn Sie sich vergewissert haben, dass die Person selbst darum bittet (z. B. nach dem Verlust des Telefons).</p>
      <FormProblems
        error={none ? undefined : reset.error}
        message={none ? `Für ${user.displayName} ist kein zweiter Faktor eingerichtet; es gibt nichts zurückzusetzen.` : undefined}
        title="Nicht zurückgesetzt"
      />
    </ActionDialog>
  );
}
