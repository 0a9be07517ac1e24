/**
 * The Kreis towards the Land (DOMAIN §6): its own Verwendungsnachweis per budget year
 * (A_kreis = Σ final grants Z + the Kreis's own eligible costs, Z_land, refund, recoveries split
 * by source), provisional ("vorläufig") and not submittable while Träger settlements are open; the
 * Kreis's drawdowns from the Land and the cash position per source. Every money figure is the API's
 * budget figures service's, the same the Haushalt page shows.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useNavigate, useParams } from 'react-router';
import { z } from 'zod';
import { can } from '../../api/actions';
import { api, call, type Schemas } from '../../api/client';
import { useBudgetYears } from '../../api/queries';
import { mayAct, useCurrentUser } from '../../auth/auth';
import { applyProblem, TextField } from '../../components/form';
import { DataTable, FilterSelect } from '../../components/table';
import { Alert, Badge, Button, DescriptionList, Empty, Loading, Money, PageTitle, ProblemAlert, QueryView, Section } from '../../components/ui';
import { germanToApi } from '../../lib/decimal';
import { formatAmount, formatDate, todayIso } from '../../lib/format';
import { DRAWDOWN_STATUS, label, STATE_PROOF_STATUS, STATE_PROOF_TONE, tone } from '../../lib/labels';
import { germanAmount, isoDate } from '../../lib/schemas';

export function StateProofPage() {
  const { budgetYearId } = useParams();
  const years = useBudgetYears();
  const navigate = useNavigate();
  if (years.isPending) return <Loading />;
  const list = [...(years.data ?? [])].sort((a, b) => b.year - a.year);
  const selected = budgetYearId ? list.find((y) => y.id === budgetYearId) : list[0];
  return (
    <>
      <PageTitle subtitle="Verwendungsnachweis des Landkreises an das Land und Mittelabrufe beim Land">Nachweis an das Land</PageTitle>
      <ProblemAlert error={years.error} />
      {list.length > 1 ? (
        <div className="ff-filters">
          <FilterSelect label="Haushaltsjahr" all={null} value={selected?.id ?? ''} onChange={(v) => navigate(`/landesnachweis/${v}`)} options={list.map((y) => ({ value: y.id, label: String(y.year) }))} />
        </div>
      ) : null}
      {selected ? <YearView key={selected.id} year={selected} /> : <Empty>Kein Haushaltsjahr gefunden.</Empty>}
    </>
  );
}

function YearView({ year }: { year: Schemas['BudgetYearDto'] }) {
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const proof = useQuery({ queryKey: ['state-proof', year.id], queryFn: () => call(api.GET('/api/v1/state-proofs/{budgetYearId}', { params: { path: { budgetYearId: year.id } } })) });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['state-proof', year.id] });
    void queryClient.invalidateQueries({ queryKey: ['cash', year.id] });
    void queryClient.invalidateQueries({ queryKey: ['drawdowns', year.id] });
  };
  return (
    <>
      <QueryView query={proof}>
        {(v) => (
          <>
            <Section title={`Verwendungsnachweis ${v.year}`}>
              <div className="ff-actions">
                <span>Status:</span>
                <Badge tone={tone(STATE_PROOF_TONE, v.status)}>{label(STATE_PROOF_STATUS, v.status)}</Badge>
                {v.submittedOn ? <span>eingereicht am {formatDate(v.submittedOn)} ({v.submissionReference})</span> : null}
              </div>
              {v.provisional ? (
                <div data-testid="state-proof-provisional">
                  <Alert type="warning" title="Nachweis an das Land vorläufig">
                    <p className="kern-body">{v.provisionalReason}</p>
                    <p className="kern-body">Eingereicht werden kann der Nachweis erst, wenn alle Verwendungsnachweise der Träger festgesetzt sind.</p>
                  </Alert>
                </div>
              ) : null}
              <DescriptionList
                items={[
                  ['Festgesetzte Zuwendungen an Träger (Σ Z)', <Money key="g" value={v.providerGrants} />],
                  ['Festgesetzte Bewilligungen / noch nicht festgesetzte Träger-Vorhaben', `${v.settledDecisions} / ${v.openSettlements}`],
                  ['An Träger ausgezahlt', <Money key="p" value={v.paidToProviders.total} />],
                  ['Angewiesen, noch nicht ausgezahlt', <Money key="an" value={v.approvedNotPaid.total} />],
                  ['Eigene zuwendungsfähige Ausgaben des Kreises', <Money key="o" value={v.ownEligibleCosts} />],
                  ['Anerkannte Ausgaben des Kreises (A_kreis)', <Money key="a" value={v.districtRecognisedCosts} />],
                  ['Höchstbetrag des Landes (H_land)', <Money key="h" value={v.stateMaxAmount} />],
                  ['Vom Land erhalten (abzüglich Erstattungen)', <Money key="d" value={v.stateDisbursed} />],
                  ['Zuwendung des Landes (Z_land)', <strong key="z">{<Money value={v.stateFinalGrant} />}</strong>],
                  [v.provisional ? 'Erstattung an das Land (vorläufig)' : 'Erstattung an das Land', <Money key="r" value={v.refundToState} />],
                  ['Anteil des Kreises', <Money key="k" value={v.districtShare} />],
                  ['Von Trägern zurückgeflossen', <Money key="rf" value={v.recoveredFromProviders} />],
                  ['davon an das Land / beim Kreis', <span key="s"><Money value={v.recoverySplit.state} /> / <Money value={v.recoverySplit.district} /></span>],
                ]}
              />
            </Section>
            {can(v, 'setOwnCosts') ? <OwnCosts v={v} onDone={refresh} /> : null}
            {can(v, 'submit') ? <Submit v={v} onDone={refresh} /> : null}
            {mayAct(me, 'ADMIN', 'STAFF') ? <Refund v={v} onDone={refresh} /> : null}
          </>
        )}
      </QueryView>
      <Drawdowns year={year} onChanged={refresh} />
    </>
  );
}

function OwnCosts({ v, onDone }: { v: Schemas['StateProofDto']; onDone: () => void }) {
  const schema = z.object({ ownEligibleCosts: germanAmount });
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<z.infer<typeof schema>>({ resolver: zodResolver(schema), defaultValues: { ownEligibleCosts: formatAmount(v.ownEligibleCosts) } });
  const save = useMutation({
    mutationFn: (x: { ownEligibleCosts: string }) => call(api.PUT('/api/v1/state-proofs/{budgetYearId}/own-costs', { params: { path: { budgetYearId: v.budgetYearId } }, body: { ownEligibleCosts: germanToApi(x.ownEligibleCosts) ?? x.ownEligibleCosts } })),
    onSuccess: onDone,
    onError: (err) => setShown(applyProblem(form, err)),
  });
  return (
    <Section title="Eigene Ausgaben des Kreises">
      <form className="ff-form ff-form--narrow" noValidate onSubmit={form.handleSubmit((x) => save.mutate(x))}>
        {save.isSuccess ? <Alert type="success" title="Gespeichert" live /> : null}
        <ProblemAlert error={save.error} shown={shown} />
        <TextField form={form} name="ownEligibleCosts" label="Eigene zuwendungsfähige Ausgaben in €" inputMode="decimal" />
        <div className="ff-actions">
          <Button type="submit" busy={save.isPending}>
            Speichern
          </Button>
        </div>
      </form>
    </Section>
  );
}

function Submit({ v, onDone }: { v: Schemas['StateProofDto']; onDone: () => void }) {
  const schema = z.object({ submittedOn: isoDate('den Tag der Einreichung'), submissionReference: z.string().trim().min(1, 'Bitte Aktenzeichen oder Postausgang angeben.').max(200) });
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<z.infer<typeof schema>>({ resolver: zodResolver(schema), defaultValues: { submittedOn: todayIso(), submissionReference: '' } });
  const submit = useMutation({
    mutationFn: (x: z.infer<typeof schema>) => call(api.POST('/api/v1/state-proofs/{budgetYearId}/submit', { params: { path: { budgetYearId: v.budgetYearId } }, body: { submittedOn: x.submittedOn, submissionReference: x.submissionReference.trim() } })),
    onSuccess: onDone,
    onError: (err) => setShown(applyProblem(form, err)),
  });
  return (
    <Section title="An das Land einreichen">
      <form className="ff-form ff-form--narrow" noValidate onSubmit={form.handleSubmit((x) => submit.mutate(x))}>
        <ProblemAlert error={submit.error} shown={shown} title="Nicht eingereicht" />
        <TextField form={form} name="submittedOn" label="Eingereicht am" type="date" />
        <TextField form={form} name="submissionReference" label="Aktenzeichen / Postausgang" />
        <div className="ff-actions">
          <Button type="submit" busy={submit.isPending}>
            Nachweis einreichen (Zahlen festschreiben)
          </Button>
        </div>
      </form>
    </Section>
  );
}

function Refund({ v, onDone }: { v: Schemas['StateProofDto']; onDone: () => void }) {
  const schema = z.object({ amount: germanAmount, refundedOn: isoDate('den Tag der Erstattung') });
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<z.infer<typeof schema>>({ resolver: zodResolver(schema), defaultValues: { amount: '', refundedOn: todayIso() } });
  const refund = useMutation({
    mutationFn: (x: z.infer<typeof schema>) => call(api.POST('/api/v1/state-proofs/{budgetYearId}/refunds', { params: { path: { budgetYearId: v.budgetYearId } }, body: { amount: germanToApi(x.amount) ?? x.amount, refundedOn: x.refundedOn } })),
    onSuccess: () => {
      form.reset({ amount: '', refundedOn: todayIso() });
      onDone();
    },
    onError: (err) => setShown(applyProblem(form, err)),
  });
  return (
    <Section title="Erstattung an das Land buchen">
      <form className="ff-form ff-form--narrow" noValidate onSubmit={form.handleSubmit((x) => refund.mutate(x))}>
        {refund.isSuccess ? <Alert type="success" title="Erstattung gebucht" live /> : null}
        <ProblemAlert error={refund.error} shown={shown} />
        <div className="ff-grid">
          <TextField form={form} name="amount" label="Betrag in €" inputMode="decimal" />
          <TextField form={form} name="refundedOn" label="Erstattet am" type="date" />
        </div>
        <div className="ff-actions">
          <Button type="submit" busy={refund.isPending}>
            Erstattung buchen
          </Button>
        </div>
      </form>
    </Section>
  );
}

function Drawdowns({ year, onChanged }: { year: Schemas['BudgetYearDto']; onChanged: () => void }) {
  const me = useCurrentUser();
  const mayStep = mayAct(me, 'ADMIN', 'STAFF');
  const drawdowns = useQuery({ queryKey: ['drawdowns', year.id], queryFn: () => call(api.GET('/api/v1/state-drawdowns', { params: { query: { budgetYearId: year.id } } })) });
  const cash = useQuery({ queryKey: ['cash', year.id], queryFn: () => call(api.GET('/api/v1/budget-years/{id}/cash-position', { params: { path: { id: year.id } } })) });
  const received = useMutation({
    mutationFn: (d: Schemas['StateDrawdownDto']) => call(api.POST('/api/v1/state-drawdowns/{id}/received', { params: { path: { id: d.id } }, body: { receivedOn: todayIso() } })),
    onSuccess: onChanged,
  });
  const schema = z.object({ amount: germanAmount, requestedOn: isoDate('den Tag des Abrufs'), reference: z.string().trim().min(1, 'Bitte ein Zeichen angeben.').max(200) });
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<z.infer<typeof schema>>({ resolver: zodResolver(schema), defaultValues: { amount: '', requestedOn: todayIso(), reference: '' } });
  const request = useMutation({
    mutationFn: (x: z.infer<typeof schema>) => call(api.POST('/api/v1/state-drawdowns', { body: { budgetYearId: year.id, amount: germanToApi(x.amount) ?? x.amount, requestedOn: x.requestedOn, reference: x.reference.trim() } })),
    onSuccess: () => {
      form.reset({ amount: '', requestedOn: todayIso(), reference: '' });
      onChanged();
    },
    onError: (err) => setShown(applyProblem(form, err)),
  });
  const c = cash.data;
  return (
    <Section title="Mittelabrufe beim Land und Kassenlage">
      {c ? (
        <>
        <p className="kern-body">Angewiesen, noch nicht ausgezahlt (in keiner ausgeführten Zahlungsdatei): <Money value={c.approvedNotPaid} /></p>
        <div className="ff-grid ff-grid--2">
          <DataTable
            caption="Landesmittel"
            captionVisible
            rows={Object.entries(c.state)}
            rowKey={([k]) => k}
            columns={[
              { header: 'Posten', rowHeader: true, cell: ([k]) => CASH_LABELS[k] ?? k },
              { header: 'Betrag', numeric: true, cell: ([, val]) => <Money value={val} /> },
            ]}
          />
          <DataTable
            caption="Kreismittel"
            captionVisible
            rows={Object.entries(c.district)}
            rowKey={([k]) => k}
            columns={[
              { header: 'Posten', rowHeader: true, cell: ([k]) => CASH_LABELS[k] ?? k },
              { header: 'Betrag', numeric: true, cell: ([, val]) => <Money value={val} /> },
            ]}
          />
        </div>
        </>
      ) : null}
      <ProblemAlert error={received.error} />
      <QueryView query={drawdowns}>
        {(items) => (
          <DataTable
            caption="Mittelabrufe beim Land"
            rows={items}
            rowKey={(d) => d.id}
            empty="Noch keine Mittel beim Land abgerufen."
            columns={[
              { header: 'Zeichen', cell: (d) => d.reference },
              { header: 'abgerufen am', cell: (d) => formatDate(d.requestedOn) },
              { header: 'Betrag', numeric: true, cell: (d) => <Money value={d.amount} /> },
              { header: 'Status', cell: (d) => label(DRAWDOWN_STATUS, d.status) },
              { header: 'eingegangen am', cell: (d) => formatDate(d.receivedOn) },
              ...(mayStep
                ? [
                    {
                      header: <span className="kern-sr-only">Aktion</span>,
                      cell: (d: Schemas['StateDrawdownDto']) =>
                        d.status === 'REQUESTED' ? (
                          <Button variant="tertiary" busy={received.isPending} onClick={() => received.mutate(d)}>
                            Eingang heute buchen<span className="kern-sr-only">: {d.reference}</span>
                          </Button>
                        ) : null,
                    },
                  ]
                : []),
            ]}
          />
        )}
      </QueryView>
      {mayStep ? (
        <form className="ff-form ff-form--narrow ff-subform" noValidate onSubmit={form.handleSubmit((x) => request.mutate(x))} aria-label="Mittel beim Land abrufen">
          <h3 className="kern-heading-small">Mittel beim Land abrufen</h3>
          <ProblemAlert error={request.error} shown={shown} />
          <div className="ff-grid">
            <TextField form={form} name="amount" label="Betrag in €" inputMode="decimal" />
            <TextField form={form} name="requestedOn" label="Abgerufen am" type="date" />
            <TextField form={form} name="reference" label="Zeichen des Abrufs" />
          </div>
          <div className="ff-actions">
            <Button type="submit" busy={request.isPending}>
              Abruf erfassen
            </Button>
          </div>
        </form>
      ) : null}
    </Section>
  );
}

const CASH_LABELS: Record<string, string> = {
  receivedFromState: 'vom Land erhalten',
  refundedToState: 'an das Land erstattet',
  paidOut: 'an Träger ausgezahlt (ausgeführte Zahlungsdateien)',
  recoveriesReceived: 'Rückflüsse von Trägern',
  balance: 'Saldo',
};
