/**
 * Kennzahlen je Handlungsfeld and their Soll per year (issue 19). ADMIN and STAFF define them and
 * set the Soll; APPROVER and AUDITOR read. Träger report against them in the Sachbericht, so a
 * Kennzahl is retired (inaktiv), never deleted, and every change leaves a version in the Verlauf.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useSearchParams } from 'react-router';
import { z } from 'zod';
import { api, call, type Schemas } from '../../api/client';
import { nameOf, useFieldsOfAction, useIndicators } from '../../api/queries';
import { hasRole, useCurrentUser } from '../../auth/auth';
import { ActionDialog } from '../../components/dialog';
import { applyProblem, Checkbox, FormProblems, SelectField, TextField } from '../../components/form';
import { FilterSelect } from '../../components/table';
import { Alert, Badge, Button, PageTitle, QueryView, Section, TableWrap } from '../../components/ui';
import { germanDecimalToApi } from '../../lib/decimal';
import { formatDateTime, formatDecimal } from '../../lib/format';
import { AGGREGATION } from '../../lib/labels';

type Indicator = Schemas['IndicatorDefinitionDto'];
type Target = Schemas['IndicatorTargetDto'];

const AGGREGATION_OPTIONS = Object.entries(AGGREGATION).map(([value, label]) => ({ value, label }));

const definitionSchema = z.object({
  fieldOfAction: z.string().min(1, 'Bitte das Handlungsfeld wählen.'),
  code: z
    .string()
    .trim()
    .regex(/^[A-Z][A-Z0-9_]{1,59}$/, 'Das Kürzel besteht aus 2 bis 60 Großbuchstaben, Ziffern oder _ und beginnt mit einem Buchstaben, z. B. PRAKTIKA.'),
  name: z.string().trim().min(1, 'Bitte einen Namen angeben.').max(200, 'Höchstens 200 Zeichen.'),
  unit: z.string().trim().min(1, 'Bitte eine Einheit angeben.').max(60, 'Höchstens 60 Zeichen.'),
  aggregation: z.enum(['SUM', 'AVERAGE'], { message: 'Bitte „Summe“ oder „Durchschnitt“ wählen.' }),
  active: z.boolean(),
});
type DefinitionForm = z.infer<typeof definitionSchema>;

const targetSchema = z.object({
  target: z
    .string()
    .trim()
    .min(1, 'Bitte das Soll angeben.')
    .refine((v) => !v.startsWith('-'), 'Das Soll darf nicht negativ sein.')
    .refine((v) => v.startsWith('-') || targetToApi(v) !== null, 'Bitte eine Zahl mit höchstens zwei Nachkommastellen angeben, z. B. 120 oder 12,5.'),
});
type TargetForm = z.infer<typeof targetSchema>;

/**
 * The Soll as typed in German ("1.200", "12,5", "1.200,5") → the API's "1200", "12.5", "1200.5". A
 * dot is a thousands separator beside a comma or before groups of three digits, else a decimal point.
 */
function targetToApi(input: string): string | null {
  const v = input.trim();
  const grouped = v.includes(',') || /^\d{1,3}(\.\d{3})+$/.test(v);
  return germanDecimalToApi(grouped ? v.replace(/\./g, '') : v, 2);
}

export function IndicatorsPage() {
  const me = useCurrentUser();
  const editor = hasRole(me, 'ADMIN', 'STAFF');
  const thisYear = new Date().getFullYear();
  const [params, setParams] = useSearchParams();
  // The year is in the address, so leaving and coming back (or a shared link) shows the same Soll.
  const year = Number(params.get('jahr')) || thisYear;
  const years = Array.from({ length: 6 }, (_, i) => String(thisYear - 2 + i));
  if (!years.includes(String(year))) years.push(String(year));
  const fields = useFieldsOfAction();
  const indicators = useIndicators(undefined, true);
  const targets = useQuery({ queryKey: ['indicator-targets', year], queryFn: () => call(api.GET('/api/v1/indicator-targets', { params: { query: { year } } })) });
  const [editing, setEditing] = useState<Indicator | 'new' | null>(null);
  const [targetFor, setTargetFor] = useState<Indicator | null>(null);
  const [historyOf, setHistoryOf] = useState<Indicator | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const targetOf = new Map((targets.data?.items ?? []).map((t) => [t.indicatorId, t]));
  return (
    <>
      <PageTitle subtitle="Kennzahlen je Handlungsfeld, gegen die die Träger im Sachbericht berichten, und das Soll des Kreises je Jahr">Kennzahlen</PageTitle>
      {done ? <Alert type="success" title={done} live /> : null}
      <div className="ff-filters">
        <FilterSelect label="Soll für das Jahr" value={String(year)} all={null} options={years.sort().map((y) => ({ value: y, label: y }))} onChange={(v) => setParams(v ? { jahr: v } : {})} />
      </div>
      {editor ? (
        <div className="ff-actions">
          <Button variant="secondary" onClick={() => setEditing('new')}>
            Kennzahl anlegen
          </Button>
        </div>
      ) : null}
      <QueryView query={indicators}>
        {(list) => (
          <>
            {(fields.data ?? []).map((f) => {
              const rows = list.items.filter((k) => k.fieldOfAction === f.code);
              return (
                <Section key={f.code} title={f.name}>
                  {rows.length === 0 ? (
                    <p className="kern-body">Keine Kennzahlen festgelegt.</p>
                  ) : (
                    <TableWrap label={`Kennzahlen ${f.name}`}>
                      <table className="kern-table kern-table--small" data-testid={`indicators-${f.code}`}>
                        <caption className="kern-sr-only">Kennzahlen im Handlungsfeld {f.name}</caption>
                        <thead className="kern-table__head">
                          <tr className="kern-table__row">
                            <th className="kern-table__header" scope="col">Kennzahl</th>
                            <th className="kern-table__header" scope="col">Einheit</th>
                            <th className="kern-table__header" scope="col">Aggregation</th>
                            <th className="kern-table__header kern-table__header--numeric" scope="col">Soll {year}</th>
                            <th className="kern-table__header" scope="col">Aktionen</th>
                          </tr>
                        </thead>
                        <tbody className="kern-table__body">
                          {rows.map((k) => (
                            <tr className="kern-table__row" key={k.id}>
                              <th className="kern-table__header" scope="row">
                                {k.name} {k.active ? null : <Badge tone="warning">nicht mehr erhoben</Badge>}
                              </th>
                              <td className="kern-table__cell">{k.unit}</td>
                              <td className="kern-table__cell">{AGGREGATION[k.aggregation] ?? k.aggregation}</td>
                              <td className="kern-table__cell kern-table__cell--numeric">{targetOf.has(k.id) ? formatDecimal(targetOf.get(k.id)!.target) : '–'}</td>
                              <td className="kern-table__cell">
                                <div className="ff-cell-actions">
                                  {editor ? (
                                    <>
                                      <RowButton onClick={() => setEditing(k)} label="Bearbeiten" about={k.name} />
                                      <RowButton onClick={() => setTargetFor(k)} label="Soll" about={`${k.name} ${year}`} />
                                    </>
                                  ) : null}
                                  <RowButton onClick={() => setHistoryOf(k)} label="Verlauf" about={k.name} />
                                </div>
                              </td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </TableWrap>
                  )}
                </Section>
              );
            })}
          </>
        )}
      </QueryView>
      {editing ? (
        <DefinitionDialog
          indicator={editing === 'new' ? null : editing}
          fields={(fields.data ?? []).map((f) => ({ value: f.code, label: f.name }))}
          onClose={() => setEditing(null)}
          onDone={(message) => {
            setEditing(null);
            setDone(message);
          }}
        />
      ) : null}
      {targetFor ? (
        <TargetDialog
          indicator={targetFor}
          fieldName={nameOf(fields.data, targetFor.fieldOfAction)}
          year={year}
          current={targetOf.get(targetFor.id) ?? null}
          onClose={() => setTargetFor(null)}
          onDone={(message) => {
            setTargetFor(null);
            setDone(message);
          }}
        />
      ) : null}
      {historyOf ? <HistoryDialog indicator={historyOf} onClose={() => setHistoryOf(null)} /> : null}
    </>
  );
}

function RowButton({ onClick, label, about }: { onClick: () => void; label: string; about: string }) {
  return (
    <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={onClick}>
      <span className="kern-label">
        {label}
        <span className="kern-sr-only">: {about}</span>
      </span>
    </button>
  );
}

/** Anlegen (Handlungsfeld and Kürzel chosen once) or Bearbeiten (name, unit, aggregation, aktiv). */
function DefinitionDialog({ indicator, fields, onClose, onDone }: { indicator: Indicator | null; fields: { value: string; label: string }[]; onClose: () => void; onDone: (message: string) => void }) {
  const queryClient = useQueryClient();
  const formId = useId();
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<DefinitionForm>({
    resolver: zodResolver(definitionSchema),
    defaultValues: indicator
      ? { fieldOfAction: indicator.fieldOfAction, code: indicator.code, name: indicator.name, unit: indicator.unit, aggregation: indicator.aggregation, active: indicator.active }
      : { fieldOfAction: '', code: '', name: '', unit: '', aggregation: 'SUM', active: true },
  });
  const save = useMutation({
    mutationFn: (v: DefinitionForm) =>
      indicator
        ? call(
            api.PATCH('/api/v1/indicators/{id}', {
              params: { path: { id: indicator.id } },
              body: { name: v.name.trim(), unit: v.unit.trim(), aggregation: v.aggregation, active: v.active, version: indicator.version },
            }),
          )
        : call(api.POST('/api/v1/indicators', { body: { fieldOfAction: v.fieldOfAction, code: v.code.trim(), name: v.name.trim(), unit: v.unit.trim(), aggregation: v.aggregation } })),
    onSuccess: (k) => {
      void queryClient.invalidateQueries({ queryKey: ['indicators'] });
      void queryClient.invalidateQueries({ queryKey: ['indicator-versions', k.id] });
      onDone(indicator ? `Kennzahl „${k.name}“ gespeichert` : `Kennzahl „${k.name}“ angelegt`);
    },
    onError: (err) => setShown(applyProblem(form, err)),
  });
  return (
    <ActionDialog
      open
      title={indicator ? `Kennzahl „${indicator.name}“ bearbeiten` : 'Kennzahl anlegen'}
      onClose={onClose}
      footer={
        <Button type="submit" form={formId} busy={save.isPending}>
          Kennzahl speichern
        </Button>
      }
    >
      <form id={formId} className="ff-stack" noValidate onSubmit={form.handleSubmit((v) => save.mutate(v))}>
        {indicator ? (
          <p className="kern-body">
            Kürzel {indicator.code}. Kürzel und Handlungsfeld bleiben, damit frühere Sachberichte zugeordnet bleiben; Name und Einheit früherer Berichte ändern sich nicht.
          </p>
        ) : (
          <>
            <SelectField form={form} name="fieldOfAction" label="Handlungsfeld" options={fields} />
            <TextField form={form} name="code" label="Kürzel" hint="Großbuchstaben, Ziffern und _, z. B. PRAKTIKA; lässt sich später nicht ändern" />
          </>
        )}
        <TextField form={form} name="name" label="Name" />
        <TextField form={form} name="unit" label="Einheit" hint="z. B. Personen, Gespräche, Stunden" />
        <SelectField form={form} name="aggregation" label="Aggregation" options={AGGREGATION_OPTIONS} hint="Summe: Werte der Sachberichte addieren; Durchschnitt: Mittelwert über die Sachberichte" />
        {indicator ? <Checkbox form={form} name="active" label="wird erhoben (aktiv)" hint="Nicht mehr erhobene Kennzahlen nehmen keine neuen Werte an; frühere bleiben." /> : null}
        <FormProblems error={save.error} shown={shown} title="Nicht gespeichert" />
      </form>
    </ActionDialog>
  );
}

function TargetDialog({
  indicator,
  fieldName,
  year,
  current,
  onClose,
  onDone,
}: {
  indicator: Indicator;
  fieldName: string;
  year: number;
  current: Target | null;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const queryClient = useQueryClient();
  const formId = useId();
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<TargetForm>({ resolver: zodResolver(targetSchema), defaultValues: { target: current ? formatDecimal(current.target) : '' } });
  const path = { indicatorId: indicator.id, year };
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['indicator-targets'] });
  const save = useMutation({
    mutationFn: (v: TargetForm) => call(api.PUT('/api/v1/indicator-targets/{indicatorId}/{year}', { params: { path }, body: { target: targetToApi(v.target)!, version: current?.version } })),
    onSuccess: (t) => {
      refresh();
      onDone(`Soll ${year} für „${indicator.name}“: ${formatDecimal(t.target)} ${indicator.unit}`);
    },
    onError: (err) => setShown(applyProblem(form, err)),
  });
  const remove = useMutation({
    mutationFn: () => call(api.DELETE('/api/v1/indicator-targets/{indicatorId}/{year}', { params: { path } })),
    onSuccess: () => {
      refresh();
      onDone(`Soll ${year} für „${indicator.name}“ entfernt`);
    },
  });
  return (
    <ActionDialog
      open
      title={`Soll ${year}: ${indicator.name}`}
      onClose={onClose}
      footer={
        <>
          {current ? (
            <Button variant="secondary" busy={remove.isPending} onClick={() => remove.mutate()}>
              Soll entfernen
            </Button>
          ) : null}
          <Button type="submit" form={formId} busy={save.isPending}>
            Soll speichern
          </Button>
        </>
      }
    >
      <form id={formId} className="ff-stack" noValidate onSubmit={form.handleSubmit((v) => save.mutate(v))}>
        <p className="kern-body">
          Handlungsfeld „{fieldName}“, {indicator.aggregation === 'AVERAGE' ? 'Durchschnitt über die Sachberichte' : 'Summe aller Sachberichte'} des Jahres {year}.
        </p>
        <TextField form={form} name="target" label={`Soll in ${indicator.unit}`} inputMode="decimal" hint="z. B. 120 oder 12,5" />
        <FormProblems error={save.error ?? remove.error} shown={shown} title="Nicht gespeichert" />
      </form>
    </ActionDialog>
  );
}

function HistoryDialog({ indicator, onClose }: { indicator: Indicator; onClose: () => void }) {
  const versions = useQuery({
    queryKey: ['indicator-versions', indicator.id],
    queryFn: () => call(api.GET('/api/v1/indicators/{id}/versions', { params: { path: { id: indicator.id } } })),
  });
  return (
    <ActionDialog open title={`Verlauf: ${indicator.name}`} onClose={onClose} closeLabel="Schließen">
      <QueryView query={versions}>
        {(list) => (
          <TableWrap label="Fassungen der Kennzahl">
            <table className="kern-table kern-table--small" data-testid="indicator-versions">
              <caption className="kern-sr-only">Fassungen der Kennzahl {indicator.name}</caption>
              <thead className="kern-table__head">
                <tr className="kern-table__row">
                  <th className="kern-table__header kern-table__header--numeric" scope="col">Fassung</th>
                  <th className="kern-table__header" scope="col">gültig ab</th>
                  <th className="kern-table__header" scope="col">Name</th>
                  <th className="kern-table__header" scope="col">Einheit</th>
                  <th className="kern-table__header" scope="col">Aggregation</th>
                  <th className="kern-table__header" scope="col">aktiv</th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {list.items.map((v) => (
                  <tr className="kern-table__row" key={v.version}>
                    <td className="kern-table__cell kern-table__cell--numeric">{v.version}</td>
                    <td className="kern-table__cell">{formatDateTime(v.validFrom)}</td>
                    <th className="kern-table__header" scope="row">{v.name}</th>
                    <td className="kern-table__cell">{v.unit}</td>
                    <td className="kern-table__cell">{AGGREGATION[v.aggregation] ?? v.aggregation}</td>
                    <td className="kern-table__cell">{v.active ? 'ja' : 'nein'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </QueryView>
    </ActionDialog>
  );
}
