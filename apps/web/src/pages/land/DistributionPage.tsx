/**
 * Der Verteilungsschlüssel des Landes (issue 20): per budget year the version in force (the
 * programme's annual Land money, each Kreis's key figure and the amount the API computes from it,
 * rounded to the cent with the remainder on the largest share), the history of versions (who, when,
 * what changed, why) and, for the Land's Sachbearbeitung and Verwaltung (PUT is ADMIN/STAFF on the
 * API), a form that saves a new version; nothing is ever overwritten. Everyone who may read it on
 * the API (Land and Kreise) may open the page; only the Land has it in its navigation.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import { hasRole, isStateLevel, useCurrentUser } from '../../auth/auth';
import { applyProblem, errorAt, FormProblems, TextArea, TextField } from '../../components/form';
import { DataTable, FilterSelect, FooterRow } from '../../components/table';
import { Alert, Button, DescriptionList, Empty, Money, PageTitle, QueryView, Section } from '../../components/ui';
import {
  distributionFormFrom,
  distributionSchema,
  toDistributionBody,
  versionChanges,
  type Distribution,
  type DistributionForm,
  type DistributionVersion,
} from '../../lib/distribution-form';
import { districtYearOptions, yearFromParams } from '../../lib/districts';
import { formatDateTime, formatDecimal, formatMoney, todayIso } from '../../lib/format';

const fetchDistribution = (year: number) => call(api.GET('/api/v1/state-distribution', { params: { query: { year } } }));
type Share = Distribution['shares'][number];

const thisYear = () => Number(todayIso().slice(0, 4));

export function DistributionPage() {
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const year = yearFromParams(params) ?? thisYear();
  const distribution = useQuery({ queryKey: ['state-distribution', year], queryFn: () => fetchDistribution(year), placeholderData: keepPreviousData });
  // The API records versions for the Land's Sachbearbeitung and Verwaltung only (PUT: ADMIN, STAFF).
  const editor = isStateLevel(me) && hasRole(me, 'ADMIN', 'STAFF');
  const setYear = (v: string) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      next.set('jahr', v);
      return next;
    });
  return (
    <>
      <p className="kern-body">
        <Link className="kern-link" to={`/land?jahr=${year}`}>
          Zurück zu den Kreisen
        </Link>
      </p>
      <PageTitle subtitle={editor ? 'Jahresmittel des Landes und ihre Verteilung auf die Landkreise' : 'Jahresmittel des Landes und ihre Verteilung auf die Landkreise (nur lesend)'}>
        Verteilungsschlüssel
      </PageTitle>
      <div className="ff-filters">
        <FilterSelect label="Haushaltsjahr" all={null} value={String(year)} onChange={(v) => v && setYear(v)} options={districtYearOptions(year, thisYear()).map((y) => ({ value: String(y), label: String(y) }))} />
      </div>
      <QueryView query={distribution} what="Der Verteilungsschlüssel">
        {(d) => (
          <>
            <CurrentVersion d={d} />
            {editor ? <NewVersionForm d={d} /> : null}
            <History d={d} />
          </>
        )}
      </QueryView>
    </>
  );
}

function CurrentVersion({ d }: { d: Distribution }) {
  const c = d.current;
  return (
    <Section title={`Geltende Fassung ${d.year}`}>
      {c === null ? (
        <Empty>Für {d.year} ist noch kein Verteilungsschlüssel gespeichert.</Empty>
      ) : (
        <>
          <div data-testid="distribution-current">
            <DescriptionList
              items={[
                ['Jahresmittel des Landes', <Money key="a" value={c.annualAmount} />],
                ['Fassung', `${c.version}, gespeichert am ${formatDateTime(c.changedAt)}${c.changedByName ? ` von ${c.changedByName}` : ''}`],
                ['Begründung', <span key="r" className="ff-pre">{c.reason}</span>],
              ]}
            />
          </div>
          <DataTable<Share>
            caption={`Verteilung der Jahresmittel ${d.year} auf die Kreise`}
            captionVisible
            testId="distribution-shares"
            rows={d.shares}
            rowKey={(s) => s.districtId}
            columns={[
              { header: 'Kreis', rowHeader: true, cell: (s) => s.districtName },
              { header: 'Gewicht', numeric: true, cell: (s) => formatDecimal(s.weight) },
              {
                header: 'Anteil in Euro',
                numeric: true,
                cell: (s) => (
                  <>
                    <Money value={s.amount} />
                    {s.carriesRemainder ? <sup aria-label="trägt den Rundungsrest"> *</sup> : null}
                  </>
                ),
              },
            ]}
            footer={<FooterRow label="Summe" span={2} cells={[{ value: <Money value={c.annualAmount} />, numeric: true }]} />}
          />
          <p className="kern-body kern-body--muted">
            Das Gewicht eines Kreises ist z. B. die Zahl der Geflüchteten; nur das Verhältnis der Gewichte zählt. Die Anteile sind auf den Cent gerundet; der Rundungsrest liegt beim größten Anteil (*).
          </p>
        </>
      )}
    </Section>
  );
}

/** A new version: the figures in force as the start, every Kreis of the install, and the reason. */
function NewVersionForm({ d }: { d: Distribution }) {
  const queryClient = useQueryClient();
  // Kept above the form: the form starts afresh from each saved version (its key), the note stays.
  const [saved, setSaved] = useState<{ year: number; version: number } | null>(null);
  const districts = useQuery({ queryKey: ['districts', 'overview', null], queryFn: () => call(api.GET('/api/v1/districts', { params: { query: {} } })) });
  return (
    <Section title="Neue Fassung speichern">
      <QueryView query={districts} what="Die Kreise">
        {(list) => (
          <>
            {saved && saved.year === d.year && saved.version === d.current?.version ? <Alert type="success" title={`Fassung ${saved.version} gespeichert`} live /> : null}
            <VersionForm
              key={`${d.year}-${d.current?.version ?? 0}`}
              d={d}
              districts={list.items}
              onSubmit={() => setSaved(null)}
              onSaved={(next) => {
                if (next.current) setSaved({ year: next.year, version: next.current.version });
                queryClient.setQueryData(['state-distribution', next.year], next);
                // Zuweisungen without an amount of their own and the overview read the key.
                void queryClient.invalidateQueries({ queryKey: ['districts'] });
              }}
            />
          </>
        )}
      </QueryView>
    </Section>
  );
}

function VersionForm({ d, districts, onSubmit, onSaved }: { d: Distribution; districts: readonly { id: string; name: string }[]; onSubmit: () => void; onSaved: (next: Distribution) => void }) {
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<DistributionForm>({ resolver: zodResolver(distributionSchema), defaultValues: distributionFormFrom(d.current, districts) });
  const save = useMutation({
    mutationFn: (v: DistributionForm) => call(api.PUT('/api/v1/state-distribution', { body: toDistributionBody(v, d.year) })),
    onSuccess: onSaved,
    onError: (err) => setShown(applyProblem(form, err)),
  });
  const weightsError = errorAt(form, 'weights');
  return (
    <form className="ff-form" noValidate data-testid="distribution-form" onSubmit={form.handleSubmit((v) => {
        onSubmit();
        save.mutate(v);
      })}
    >
      <TextField form={form} name="annualAmount" label={`Jahresmittel des Landes ${d.year} in Euro`} inputMode="decimal" hint="z. B. 1.677.000,00" />
      <fieldset className={`kern-fieldset ${weightsError ? 'kern-fieldset--error' : ''}`} aria-describedby={weightsError ? 'distribution-weights-error' : 'distribution-weights-hint'}>
        <legend className="kern-label">Gewicht je Kreis</legend>
        <div className="kern-hint" id="distribution-weights-hint">
          z. B. die Zahl der Geflüchteten; nur das Verhältnis zählt, 0 heißt: der Kreis erhält nichts.
        </div>
        {weightsError ? (
          <p className="kern-error" id="distribution-weights-error" data-testid="field-error">
            <span className="kern-icon kern-icon--danger kern-icon--md" aria-hidden="true" />
            <span className="kern-body">{weightsError}</span>
          </p>
        ) : null}
        <div className="kern-fieldset__body ff-grid">
          {districts.map((k, i) => (
            <TextField key={k.id} form={form} name={`weights.${i}.weight`} label={`Gewicht ${k.name}`} inputMode="decimal" />
          ))}
        </div>
      </fieldset>
      <TextArea form={form} name="reason" label="Begründung der Änderung" hint="z. B. Zahl der Geflüchteten zum Stichtag 31.12.2025" rows={3} />
      <FormProblems error={save.error} shown={shown} />
      <div className="ff-actions">
        <Button type="submit" busy={save.isPending}>
          Neue Fassung speichern
        </Button>
      </div>
    </form>
  );
}

function History({ d }: { d: Distribution }) {
  const names = new Map([...d.shares.map((s) => [s.districtId, s.districtName] as const)]);
  return (
    <Section title={`Fassungen ${d.year}`}>
      <DataTable<DistributionVersion>
        caption={`Alle Fassungen des Verteilungsschlüssels ${d.year}, neueste zuerst`}
        testId="distribution-history"
        rows={d.history}
        rowKey={(v) => v.id}
        empty="Noch keine Fassung."
        columns={[
          { header: 'Fassung', rowHeader: true, cell: (v) => String(v.version) },
          {
            header: 'Gespeichert',
            cell: (v) => (
              <>
                <time dateTime={v.changedAt}>{formatDateTime(v.changedAt)}</time>
                {v.changedByName ? <div>{v.changedByName}</div> : null}
              </>
            ),
          },
          { header: 'Jahresmittel', numeric: true, cell: (v) => formatMoney(v.annualAmount) },
          {
            header: 'Änderungen',
            cell: (v, i) => (
              <ul className="ff-plain-list">
                {versionChanges(v, d.history[i + 1], names).map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            ),
          },
          { header: 'Begründung', cell: (v) => <span className="ff-pre">{v.reason}</span> },
        ]}
      />
    </Section>
  );
}
