/**
 * Programme parameters with their dated values (DOMAIN §7). The API says for whom they hold
 * (`districtId`: a Kreis user's own Kreis, or the one the Land picks), which ones the Richtlinie
 * leaves to the Kreis (`districtChoice`) and where the caller's new value goes (`writeLevel`,
 * `allowedActions`): the Land's ADMIN sets the programme's values, a Kreis's ADMIN its Kreis's own.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useSearchParams } from 'react-router';
import { api, call, type Schemas } from '../../api/client';
import { isStateLevel, useCurrentUser } from '../../auth/auth';
import { applyProblem, TextField } from '../../components/form';
import { FilterSelect } from '../../components/table';
import { Badge, Button, PageTitle, ProblemAlert, QueryView, Section, TableWrap } from '../../components/ui';
import { formatDate, formatDecimal, formatMoney, formatPercent } from '../../lib/format';
import { label, PARAMETER_UNIT } from '../../lib/labels';
import { parameterValueSchemaFor, parameterValueToApi, type ParameterValueForm } from '../../lib/schemas';

const PROGRAMME = 'SOZIALBERATUNG_FLUECHTLINGE';

type ParameterList = Schemas['ParameterListDto'];
type Parameter = Schemas['ParameterDto'];
type Value = Schemas['ParameterValueDto'];

const DAY_COUNTS: Record<string, string> = { ACT_ACT: 'tatsächliche Tage / Tage des Jahres (ACT/ACT)', ACT_365: 'tatsächliche Tage / 365 (ACT/365)' };

/** A stored value as a German reader expects it: "500,00 €", "20 %", "30.04.", "14 Tage". */
export function formatParameterValue(unit: string, value: string): string {
  switch (unit) {
    case 'EUR':
      return formatMoney(value);
    case 'PERCENT':
      return formatPercent(value);
    case 'PERCENTAGE_POINTS':
      return `${formatDecimal(value)} Prozentpunkte`;
    case 'MM-DD': {
      const [month, day] = value.split('-');
      return `${day}.${month}.`;
    }
    case 'DAY_COUNT_CONVENTION':
      return DAY_COUNTS[value] ?? value;
    default:
      return `${value} ${label(PARAMETER_UNIT, unit)}`;
  }
}

export function ParametersPage() {
  const me = useCurrentUser();
  const land = isStateLevel(me);
  const [params, setParams] = useSearchParams();
  const districtId = land ? (params.get('kreis') ?? '') : '';
  const programmes = useQuery({ queryKey: ['programmes'], queryFn: () => call(api.GET('/api/v1/programmes')) });
  const code = programmes.data?.items[0]?.code ?? PROGRAMME;
  const districts = useQuery({
    queryKey: ['districts', 'overview', null],
    enabled: land,
    queryFn: () => call(api.GET('/api/v1/districts', { params: { query: {} } })),
  });
  const list = useQuery({
    queryKey: ['parameters', code, districtId],
    enabled: programmes.isSuccess,
    queryFn: () =>
      call(api.GET('/api/v1/programmes/{programme}/parameters', { params: { path: { programme: code }, query: districtId ? { districtId } : {} } })),
  });
  return (
    <>
      <PageTitle subtitle={programmes.data?.items[0]?.title}>Programmparameter</PageTitle>
      {land ? (
        <div className="ff-filters">
          <FilterSelect
            label="Geltende Werte für"
            all="nur die Werte des Programms"
            value={districtId}
            options={(districts.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
            onChange={(v) =>
              setParams((p) => {
                const next = new URLSearchParams(p);
                if (v) next.set('kreis', v);
                else next.delete('kreis');
                return next;
              })
            }
          />
        </div>
      ) : null}
      <QueryView query={list}>
        {(l) => (
          <>
            <Intro list={l} />
            {l.items.map((p) => (
              <ParameterSection key={p.code} p={p} list={l} programme={code} />
            ))}
          </>
        )}
      </QueryView>
    </>
  );
}

function Intro({ list }: { list: ParameterList }) {
  const kreis = list.districtName;
  if (list.writeLevel === 'DISTRICT') {
    return (
      <p className="kern-body">
        Die Richtlinie legt die meisten Werte für alle Kreise fest; diese ändert das Land. Für die mit „Wahl des Kreises“ gekennzeichneten
        Parameter kann {kreis ?? 'Ihr Kreis'} eigene Werte festlegen. Sie gelten ab ihrem Stichtag für die Vorgänge des Kreises.
      </p>
    );
  }
  if (kreis) {
    return (
      <p className="kern-body">
        Angezeigt sind die Werte, die für {kreis} gelten: eigene Werte des Kreises, wo er einen festgelegt hat, sonst die des Programms.
      </p>
    );
  }
  return null;
}

function ParameterSection({ p, list, programme }: { p: Parameter; list: ParameterList; programme: string }) {
  const queryClient = useQueryClient();
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<ParameterValueForm>({ resolver: zodResolver(parameterValueSchemaFor(p.unit)), defaultValues: { value: '', validFrom: '' } });
  const add = useMutation({
    mutationFn: (v: ParameterValueForm) =>
      call(
        api.POST('/api/v1/programmes/{programme}/parameters/{code}/values', {
          params: { path: { programme, code: p.code } },
          body: { value: parameterValueToApi(p.unit, v.value), validFrom: v.validFrom },
        }),
      ),
    onSuccess: () => {
      form.reset();
      setShown([]);
      void queryClient.invalidateQueries({ queryKey: ['parameters'] });
    },
    onError: (err) => setShown(applyProblem(form, err)),
  });
  const inForce = p.inForce;
  const ownKreis = list.districtName;
  const mayAdd = p.allowedActions.includes('ADD_VALUE');
  const addsOwn = list.writeLevel === 'DISTRICT';
  return (
    <Section title={p.label} actions={p.districtChoice ? <Badge tone="info">Wahl des Kreises</Badge> : undefined}>
      <p className="kern-body">{p.description}</p>
      <p className="kern-body" data-testid={`in-force-${p.code}`}>
        Geltender Wert{ownKreis ? ` für ${ownKreis}` : ''}: <strong>{inForce ? formatParameterValue(p.unit, inForce.value) : '–'}</strong>
        {inForce ? (inForce.districtId ? ` (eigener Wert des Kreises ab ${formatDate(inForce.validFrom)})` : ` (Wert des Programms ab ${formatDate(inForce.validFrom)})`) : null}
      </p>
      {p.districtChoice && ownKreis ? <h3 className="kern-heading-small">Werte des Programms</h3> : null}
      <ValueTable caption={`Werte des Programms: ${p.label}`} values={p.values} unit={p.unit} />
      {p.districtChoice && ownKreis ? (
        <>
          <h3 className="kern-heading-small">Eigene Werte von {ownKreis}</h3>
          {p.districtValues.length > 0 ? (
            <ValueTable caption={`Eigene Werte von ${ownKreis}: ${p.label}`} values={p.districtValues} unit={p.unit} />
          ) : (
            <p className="kern-body">Noch kein eigener Wert: es gilt der Wert des Programms.</p>
          )}
        </>
      ) : null}
      {mayAdd ? (
        <form
          className="ff-form"
          noValidate
          onSubmit={form.handleSubmit((v) => add.mutate(v))}
          aria-label={addsOwn ? `Eigener Wert des Kreises: ${p.label}` : `Neuer Wert des Programms: ${p.label}`}
        >
          <ProblemAlert error={add.error} shown={shown} />
          <div className="ff-grid">
            <TextField
              form={form}
              name="value"
              label={`${addsOwn ? 'Eigener Wert des Kreises' : 'Neuer Wert des Programms'} (${label(PARAMETER_UNIT, p.unit)})`}
            />
            <TextField form={form} name="validFrom" label="gültig ab" type="date" />
          </div>
          <div className="ff-actions">
            <Button type="submit" variant="secondary" busy={add.isPending}>
              {addsOwn ? 'Eigenen Wert festlegen' : 'Wert hinzufügen'}
            </Button>
          </div>
        </form>
      ) : null}
    </Section>
  );
}

function ValueTable({ caption, values, unit }: { caption: string; values: Value[]; unit: string }) {
  return (
    <TableWrap label={caption}>
      <table className="kern-table kern-table--small">
        <caption className="kern-sr-only">{caption}</caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th className="kern-table__header" scope="col">gültig ab</th>
            <th className="kern-table__header" scope="col">Wert</th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {values.map((v) => (
            <tr className="kern-table__row" key={v.id}>
              <td className="kern-table__cell">{formatDate(v.validFrom)}</td>
              <td className="kern-table__cell">{formatParameterValue(unit, v.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
