/** Basiszinssatz nach § 247 BGB as a dated table; admins add and remove values. */
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { api, call } from '../../api/client';
import { hasRole, useCurrentUser } from '../../auth/auth';
import { applyProblem, TextField } from '../../components/form';
import { Button, PageTitle, ProblemAlert, QueryView, Section, TableWrap } from '../../components/ui';
import { formatDate, formatPercent } from '../../lib/format';
import { baseRateSchema } from '../../lib/schemas';

export function BaseRatesPage() {
  const me = useCurrentUser();
  const admin = hasRole(me, 'ADMIN');
  const queryClient = useQueryClient();
  const rates = useQuery({ queryKey: ['base-rates'], queryFn: () => call(api.GET('/api/v1/base-rates')) });
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<z.infer<typeof baseRateSchema>>({ resolver: zodResolver(baseRateSchema), defaultValues: { validFrom: '', ratePercent: '' } });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['base-rates'] });
  const add = useMutation({
    mutationFn: (v: z.infer<typeof baseRateSchema>) => call(api.POST('/api/v1/base-rates', { body: { validFrom: v.validFrom, ratePercent: v.ratePercent.trim().replace(',', '.') } })),
    onSuccess: () => {
      form.reset();
      refresh();
    },
    onError: (err) => setShown(applyProblem(form, err)),
  });
  const remove = useMutation({ mutationFn: (id: string) => call(api.DELETE('/api/v1/base-rates/{id}', { params: { path: { id } } })), onSuccess: refresh });
  return (
    <>
      <PageTitle subtitle="Basiszinssatz nach § 247 BGB, veröffentlicht von der Deutschen Bundesbank zum 1. Januar und 1. Juli">Basiszinssatz</PageTitle>
      <ProblemAlert error={remove.error} />
      <QueryView query={rates}>
        {(list) => (
          <>
            <p className="kern-body">Gepflegt bis: {formatDate(list.coveredUntil)}</p>
            <TableWrap label="Basiszinssätze">
              <table className="kern-table kern-table--small" data-testid="base-rates">
                <caption className="kern-sr-only">Basiszinssätze</caption>
                <thead className="kern-table__head"><tr className="kern-table__row"><th className="kern-table__header" scope="col">gültig ab</th><th className="kern-table__header kern-table__header--numeric" scope="col">Basiszinssatz</th>{admin ? <th className="kern-table__header" scope="col">Aktion</th> : null}</tr></thead>
                <tbody className="kern-table__body">
                  {list.items.map((r) => (
                    <tr className="kern-table__row" key={r.id}>
                      <td className="kern-table__cell">{formatDate(r.validFrom)}</td>
                      <td className="kern-table__cell kern-table__cell--numeric">{formatPercent(r.ratePercent)}</td>
                      {admin ? (
                        <td className="kern-table__cell">
                          <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={() => remove.mutate(r.id)}>
                            <span className="kern-label">Entfernen<span className="kern-sr-only">: ab {formatDate(r.validFrom)}</span></span>
                          </button>
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          </>
        )}
      </QueryView>
      {admin ? (
        <Section title="Neuen Basiszinssatz erfassen">
          <form className="ff-form ff-form--narrow" noValidate onSubmit={form.handleSubmit((v) => add.mutate(v))}>
            <ProblemAlert error={add.error} shown={shown} />
            <TextField form={form} name="validFrom" label="gültig ab" type="date" />
            <TextField form={form} name="ratePercent" label="Basiszinssatz in %" inputMode="decimal" hint="z. B. 1,27 oder -0,88" />
            <div className="ff-actions"><Button type="submit" busy={add.isPending}>Basiszinssatz speichern</Button></div>
          </form>
        </Section>
      ) : null}
    </>
  );
}
