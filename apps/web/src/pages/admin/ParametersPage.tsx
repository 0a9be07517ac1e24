/** Programme parameters with their dated values (DOMAIN §7); admins add a value valid from a date. */
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { api, call, type Schemas } from '../../api/client';
import { hasRole, useCurrentUser } from '../../auth/auth';
import { applyProblem, TextField } from '../../components/form';
import { Button, PageTitle, ProblemAlert, QueryView, Section, TableWrap } from '../../components/ui';
import { formatDate } from '../../lib/format';
import { label, PARAMETER_UNIT } from '../../lib/labels';
import { parameterValueSchema } from '../../lib/schemas';

const PROGRAMME = 'SOZIALBERATUNG_FLUECHTLINGE';

export function ParametersPage() {
  const programmes = useQuery({ queryKey: ['programmes'], queryFn: () => call(api.GET('/api/v1/programmes')) });
  const code = programmes.data?.items[0]?.code ?? PROGRAMME;
  const params = useQuery({ queryKey: ['parameters', code], enabled: programmes.isSuccess, queryFn: () => call(api.GET('/api/v1/programmes/{programme}/parameters', { params: { path: { programme: code } } })) });
  return (
    <>
      <PageTitle subtitle={programmes.data?.items[0]?.title}>Programmparameter</PageTitle>
      <QueryView query={params}>
        {(list) => (
          <>
            {list.items.map((p) => <Parameter key={p.code} p={p} programme={code} />)}
          </>
        )}
      </QueryView>
    </>
  );
}

function Parameter({ p, programme }: { p: Schemas['ParameterDto']; programme: string }) {
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<z.infer<typeof parameterValueSchema>>({ resolver: zodResolver(parameterValueSchema), defaultValues: { value: '', validFrom: '' } });
  const add = useMutation({
    mutationFn: (v: z.infer<typeof parameterValueSchema>) => call(api.POST('/api/v1/programmes/{programme}/parameters/{code}/values', { params: { path: { programme, code: p.code } }, body: { value: v.value.trim().replace(',', '.'), validFrom: v.validFrom } })),
    onSuccess: () => {
      form.reset();
      void queryClient.invalidateQueries({ queryKey: ['parameters'] });
    },
    onError: (err) => setShown(applyProblem(form, err)),
  });
  const inForce = p.inForce;
  return (
    <Section title={p.label}>
      <p className="kern-body">{p.description}</p>
      <p className="kern-body">Geltender Wert: <strong>{inForce?.value ?? '–'}</strong> {label(PARAMETER_UNIT, p.unit)}</p>
      <TableWrap label={`Werte: ${p.label}`}>
        <table className="kern-table kern-table--small">
          <caption className="kern-sr-only">Werte: {p.label}</caption>
          <thead className="kern-table__head"><tr className="kern-table__row"><th className="kern-table__header" scope="col">gültig ab</th><th className="kern-table__header" scope="col">Wert</th></tr></thead>
          <tbody className="kern-table__body">
            {p.values.map((v) => <tr className="kern-table__row" key={v.id}><td className="kern-table__cell">{formatDate(v.validFrom)}</td><td className="kern-table__cell">{v.value} {label(PARAMETER_UNIT, p.unit)}</td></tr>)}
          </tbody>
        </table>
      </TableWrap>
      {hasRole(me, 'ADMIN') ? (
        <form className="ff-form" noValidate onSubmit={form.handleSubmit((v) => add.mutate(v))} aria-label={`Neuer Wert: ${p.label}`}>
          <ProblemAlert error={add.error} shown={shown} />
          <div className="ff-grid">
            <TextField form={form} name="value" label={`Neuer Wert (${label(PARAMETER_UNIT, p.unit)})`} />
            <TextField form={form} name="validFrom" label="gültig ab" type="date" />
          </div>
          <div className="ff-actions"><Button type="submit" variant="secondary" busy={add.isPending}>Wert hinzufügen</Button></div>
        </form>
      ) : null}
    </Section>
  );
}
