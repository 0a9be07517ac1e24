/**
 * Exporte: the auditors' (and everyone's) lists as Excel or CSV, and for the Kreis the Jahresbericht
 * für den Kreistag as PDF or Excel. A request becomes a job in the worker; the page follows it with
 * a progress bar and offers the file when it is ready. Earlier exports stay downloadable until they
 * expire. A Träger gets only the lists meant for Träger, always restricted to its own records.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { can } from '../api/actions';
import { api, call, type Schemas } from '../api/client';
import { fieldErrorMap, normalisePath } from '../api/problem';
import { hasRole, useCurrentUser } from '../auth/auth';
import { ExportJobStatus, useExportJob } from '../components/ExportJob';
import { DataTable, FilterSelect, PlainInput } from '../components/table';
import { Badge, Button, PageTitle, ProblemAlert, QueryView, Section } from '../components/ui';
import { formatDateTime, formatInteger } from '../lib/format';
import { EXPORT_FILTER_LABELS, EXPORT_FORMAT, EXPORT_STATUS, EXPORT_TYPES, type ExportFilterKey, type ExportFormatCode, type ExportTypeCode, JOB_TONE, label, tone } from '../lib/labels';

type Filters = Record<ExportFilterKey, string>;
const EMPTY: Filters = { budgetYearId: '', providerId: '', decisionId: '', proofId: '', from: '', to: '', year: '' };

/** The chosen filters as the API takes them: the year as a number, everything else as text. */
function requestFilters(keys: readonly ExportFilterKey[], filters: Filters): Schemas['ExportFiltersDto'] {
  const out: Schemas['ExportFiltersDto'] = {};
  for (const k of keys) {
    if (filters[k] === '') continue;
    if (k === 'year') out.year = Number(filters.year);
    else out[k] = filters[k];
  }
  return out;
}

export function ExportsPage() {
  const me = useCurrentUser();
  const provider = hasRole(me, 'PROVIDER');
  const queryClient = useQueryClient();
  const types = EXPORT_TYPES.filter((t) => !provider || t.forProviders);
  const [type, setType] = useState<ExportTypeCode>('APPROVALS');
  const [format, setFormat] = useState<ExportFormatCode>('xlsx');
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const info = EXPORT_TYPES.find((t) => t.code === type)!;

  const years = useQuery({ queryKey: ['budget-years'], enabled: !provider, queryFn: () => call(api.GET('/api/v1/budget-years')) });
  const providers = useQuery({
    queryKey: ['organisations', 'PROVIDER'],
    enabled: !provider,
    queryFn: () => call(api.GET('/api/v1/organisations', { params: { query: { kind: 'PROVIDER', limit: 200 } } })),
  });
  const decisions = useQuery({ queryKey: ['decisions', 'export'], queryFn: () => call(api.GET('/api/v1/decisions', { params: { query: { limit: 200 } } })) });
  const proofs = useQuery({ queryKey: ['proofs', 'export'], enabled: info.filters.includes('proofId'), queryFn: () => call(api.GET('/api/v1/proofs-of-use', { params: { query: { limit: 200 } } })) });
  const history = useQuery({ queryKey: ['exports'], queryFn: () => call(api.GET('/api/v1/exports', { params: { query: { limit: 50 } } })) });
  const exportJob = useExportJob();

  const request = useMutation({
    mutationFn: () => {
      return call(api.POST('/api/v1/exports', { body: { type, format, filters: requestFilters(info.filters, filters) } }));
    },
    onSuccess: (e) => {
      exportJob.follow(e);
      void queryClient.invalidateQueries({ queryKey: ['exports'] });
    },
  });
  const errors = fieldErrorMap(request.error);
  const errorFor = (k: string) => errors[`filters.${k}`] ?? errors[k];
  const shown = Object.keys(errors).filter((p) => /^(filters\.)?(budgetYearId|providerId|decisionId|proofId|from|to|year|type|format)$/.test(normalisePath(p)));
  const set = (k: ExportFilterKey) => (v: string) => setFilters((f) => ({ ...f, [k]: v }));
  const visible = (k: ExportFilterKey) => info.filters.includes(k) && !(provider && (k === 'providerId' || k === 'budgetYearId'));
  const required = (k: ExportFilterKey) => (info.required.includes(k) ? ' (Pflicht)' : '');

  return (
    <>
      <PageTitle subtitle={provider ? 'Listen zu Ihren eigenen Vorgängen als Excel- oder CSV-Datei' : 'Listen für Prüfung und Berichte als Excel- oder CSV-Datei, der Jahresbericht für den Kreistag als PDF'}>Exporte</PageTitle>
      <Section title="Neuer Export">
        <form
          className="ff-form"
          noValidate
          onSubmit={(ev) => {
            ev.preventDefault();
            request.mutate();
          }}
        >
          <ProblemAlert error={request.error} shown={shown} title="Export nicht angefordert" />
          <div className="ff-grid">
            <FilterSelect
              label="Art des Exports"
              all={null}
              value={type}
              error={errorFor('type')}
              onChange={(v) => {
                if (v) {
                  setType(v);
                  // A format the new type does not come in (PDF is only for the Jahresbericht) falls back to its first.
                  const formats = EXPORT_TYPES.find((t) => t.code === v)!.formats;
                  if (!formats.includes(format)) setFormat(formats[0]!);
                }
                request.reset();
              }}
              options={types.map((t) => ({ value: t.code, label: t.label }))}
            />
            <fieldset className="kern-fieldset">
              <legend className="kern-label">Format</legend>
              <div className="kern-fieldset__body ff-inline-radios">
                {info.formats.map((f) => (
                  <div className="kern-form-check" key={f}>
                    <input className="kern-form-check__radio" type="radio" id={`fmt-${f}`} name="format" checked={format === f} onChange={() => setFormat(f)} />
                    <label className="kern-label" htmlFor={`fmt-${f}`}>
                      {EXPORT_FORMAT[f]}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          </div>
          <fieldset className="kern-fieldset">
            <legend className="kern-label">Filter</legend>
            {info.period ? <p className="kern-hint">Zeitraum bezieht sich auf: {info.period}.</p> : null}
            <div className="ff-grid">
              {visible('year') ? (
                <FilterSelect
                  label={EXPORT_FILTER_LABELS.year + required('year')}
                  all="Bitte wählen"
                  value={filters.year}
                  onChange={set('year')}
                  error={errorFor('year')}
                  options={[...new Set((years.data ?? []).map((y) => y.year))].sort((a, b) => b - a).map((y) => ({ value: String(y), label: String(y) }))}
                />
              ) : null}
              {visible('budgetYearId') ? (
                <FilterSelect
                  label={EXPORT_FILTER_LABELS.budgetYearId + required('budgetYearId')}
                  all={info.required.includes('budgetYearId') ? 'Bitte wählen' : 'alle'}
                  value={filters.budgetYearId}
                  onChange={set('budgetYearId')}
                  error={errorFor('budgetYearId')}
                  options={(years.data ?? []).map((y) => ({ value: y.id, label: String(y.year) }))}
                />
              ) : null}
              {visible('providerId') ? (
                <FilterSelect label={EXPORT_FILTER_LABELS.providerId} value={filters.providerId} onChange={set('providerId')} error={errorFor('providerId')} options={(providers.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))} />
              ) : null}
              {visible('decisionId') ? (
                <FilterSelect
                  label={EXPORT_FILTER_LABELS.decisionId}
                  value={filters.decisionId}
                  onChange={set('decisionId')}
                  error={errorFor('decisionId')}
                  options={(decisions.data?.items ?? []).filter((d) => d.outcome === 'GRANT' && d.currentVersionNo !== null).map((d) => ({ value: d.id, label: `${d.reference}${provider ? '' : ` – ${d.providerName ?? ''}`}` }))}
                />
              ) : null}
              {visible('proofId') ? (
                <FilterSelect label={EXPORT_FILTER_LABELS.proofId} value={filters.proofId} onChange={set('proofId')} error={errorFor('proofId')} options={(proofs.data?.items ?? []).map((p) => ({ value: p.id, label: p.reference }))} />
              ) : null}
              {visible('from') ? <PlainInput label={EXPORT_FILTER_LABELS.from} type="date" value={filters.from} onChange={set('from')} error={errorFor('from')} /> : null}
              {visible('to') ? <PlainInput label={type === 'RECOVERIES' ? 'Stichtag der Zinsen' : EXPORT_FILTER_LABELS.to} type="date" value={filters.to} onChange={set('to')} error={errorFor('to')} /> : null}
            </div>
          </fieldset>
          <div className="ff-actions">
            <Button type="submit" busy={request.isPending} disabled={exportJob.running}>
              Export erstellen
            </Button>
          </div>
        </form>
        <ExportJobStatus exportJob={exportJob} />
      </Section>
      <Section title="Frühere Exporte">
        <QueryView query={history}>
          {(page) => (
            <DataTable
              caption="Frühere Exporte"
              testId="export-history"
              rows={page.items}
              rowKey={(x) => x.id}
              empty="Noch keine Exporte."
              columns={[
                { header: 'Angefordert', cell: (x) => formatDateTime(x.createdAt) },
                { header: 'Art', cell: (x) => x.typeLabel },
                { header: 'Format', cell: (x) => x.format.toUpperCase() },
                { header: 'Stand', cell: (x) => <Badge tone={tone(JOB_TONE, x.status)}>{label(EXPORT_STATUS, x.status)}</Badge> },
                { header: 'Zeilen', numeric: true, cell: (x) => formatInteger(x.rowsWritten) },
                { header: 'verfügbar bis', cell: (x) => (x.fileAvailable ? formatDateTime(x.expiresAt) : '–') },
                {
                  header: <span className="kern-sr-only">Herunterladen</span>,
                  cell: (x) =>
                    can(x, 'download') ? (
                      <Button variant="tertiary" busy={exportJob.download.isPending && exportJob.download.variables?.id === x.id} onClick={() => exportJob.download.mutate(x)}>
                        Herunterladen<span className="kern-sr-only">: {x.fileName}</span>
                      </Button>
                    ) : x.status === 'FAILED' ? (
                      x.error
                    ) : null,
                },
              ]}
            />
          )}
        </QueryView>
      </Section>
    </>
  );
}
