/**
 * A Bescheid/Vertrag with its versions. Approvers approve or return a proposal; the buttons follow
 * the API's `allowedActions`, which omits `approve` for the person who proposed it (four eyes), and
 * the page says why (`approvalBlockedReason`). Beside a proposal the approver reads what it rests
 * on (issue 16): the Votum, the checklist with Vermerke, the proposer and date, the effect on the
 * budget and the draft letter; Freigeben asks for confirmation naming Aktenzeichen and amount.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useLocation, useParams } from 'react-router';
import { z } from 'zod';
import { can, canAny } from '../api/actions';
import { api, call, type Schemas } from '../api/client';
import { applyProblem, TextArea, TextField } from '../components/form';
import { ApprovalBlocked, BudgetEffectTable, ChecklistView, ConfirmApproval, PreviewButton, ProposalFacts } from '../components/FourEyes';
import { Alert, Badge, Button, DescriptionList, Empty, Money, PageTitle, ProblemAlert, QueryView, Section, TableWrap } from '../components/ui';
import { germanToApi } from '../lib/decimal';
import { formatDate, formatDateTime, formatMoney, formatPercent } from '../lib/format';
import { DECISION_STATUS, DECISION_TONE, FINANCING_TYPE, INSTRUMENT, label, OUTCOME, tone, VERSION_KIND, VERSION_STATUS } from '../lib/labels';
import { germanAmount, reasonSchema } from '../lib/schemas';
import { DecisionFollowUp } from './DecisionFollowUp';
import { CaseAssignmentPanel } from '../components/CaseAssignmentPanel';
import { RecordHistory } from '../components/RecordHistory';

export function DecisionPage() {
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: ['decision', id], queryFn: () => call(api.GET('/api/v1/decisions/{id}', { params: { path: { id } } })) });
  return <QueryView query={query} what="Der Bescheid">{(d) => <DecisionView d={d} />}</QueryView>;
}

function VersionDetails({ v }: { v: Schemas['DecisionVersionDto'] }) {
  return (
    <DescriptionList
      items={[
        ['Fassung', `${v.versionNo ?? 'Entwurf'} (${label(VERSION_KIND, v.kind)})`],
        ['Höchstbetrag', <Money key="m" value={v.maxAmount} />],
        ['davon Landesanteil / Kreisanteil', <span key="s"><Money value={v.stateShare} /> / <Money value={v.districtShare} /></span>],
        ['Finanzierungsart', `${label(FINANCING_TYPE, v.financingType)}${v.fundingRatePercent ? `, Fördersatz ${formatPercent(v.fundingRatePercent)}` : ''}`],
        ['Bewilligungszeitraum', `${formatDate(v.periodStart)} – ${formatDate(v.periodEnd)}`],
        ['Zweck', v.purpose ?? '–'],
        ['Förderfähig ab', formatDate(v.eligibleFrom)],
        ['Bescheiddatum', formatDate(v.decisionDate)],
        ['Verwendungsnachweis fällig', formatDate(v.proofDue)],
        ['Zwischennachweise', (v.interimProofsDue ?? []).length === 0 ? 'keine' : v.interimProofsDue.map((i) => `${i.year}: ${formatDate(i.due)}`).join(', ')],
        ['Nebenbestimmungen', [...(v.conditions?.general ?? []), ...(v.conditions?.special ?? [])].join('; ') || '–'],
        ...(v.reason ? ([['Begründung', v.reason]] as [string, string][]) : []),
      ]}
    />
  );
}

function DecisionView({ d }: { d: Schemas['DecisionDto'] }) {
  const location = useLocation();
  const queryClient = useQueryClient();
  const flash = (location.state as { flash?: string } | null)?.flash;
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['decision', d.id] });
    void queryClient.invalidateQueries({ queryKey: ['decisions'] });
    void queryClient.invalidateQueries({ queryKey: ['worklist'] });
  };
  const pending = d.pending;
  const [confirming, setConfirming] = useState(false);
  const approve = useMutation({
    mutationFn: () => call(api.POST('/api/v1/decisions/{id}/approve', { params: { path: { id: d.id } } })),
    onSuccess: () => {
      setConfirming(false);
      refresh();
    },
  });
  const what = d.outcome === 'REJECTION' ? 'Ablehnung' : label(INSTRUMENT, d.instrument);
  const letterNoun = d.outcome === 'REJECTION' ? 'des Ablehnungsbescheids' : d.instrument === 'VERTRAG' ? 'des Vertrags' : 'des Bescheids';
  return (
    <>
      <PageTitle subtitle={`${d.providerName} · Antrag ${d.applicationReference}`}>{`${label(INSTRUMENT, d.instrument)} ${d.reference}`}</PageTitle>
      {flash === 'proposed' && d.status === 'PROPOSED' ? (
        <Alert type="success" title="Vorschlag gespeichert" live>
          <p className="kern-body">Der Vorschlag wartet auf die Freigabe durch eine zweite zeichnungsbefugte Person.</p>
        </Alert>
      ) : null}
      {approve.isSuccess ? (
        <Alert type="success" title="Freigegeben" live>
          <p className="kern-body">Die Entscheidung ist freigegeben{d.outcome === 'GRANT' ? ' und die Mittel sind gebunden' : ''}.</p>
        </Alert>
      ) : null}
      <div className="ff-actions">
        <span>Status:</span>
        <Badge tone={tone(DECISION_TONE, d.status)}>{label(DECISION_STATUS, d.status)}</Badge>
        <span>{label(OUTCOME, d.outcome)}</span>
        <Link className="kern-link" to={`/antraege/${d.applicationId}`}>Zum Antrag</Link>
      </div>
      {pending ? (
        <Section title="Offener Vorschlag">
          <VersionDetails v={pending} />
          <p className="kern-body ff-muted">Vorgeschlagen am {formatDateTime(pending.proposedAt)}</p>
        </Section>
      ) : null}
      {pending && (d.votum || d.checklist || d.budgetEffect) ? (
        <Section title="Grundlage des Vorschlags">
          <div className="ff-context" data-testid="proposal-context">
            <ProposalFacts votum={d.votum} proposedBy={d.proposedBy} proposedAt={d.proposedAt} />
            {d.checklist ? <ChecklistView checklist={d.checklist} caption="Prüfcheckliste mit Vermerken" /> : null}
            {d.budgetEffect ? <BudgetEffectTable effect={d.budgetEffect} /> : null}
          </div>
        </Section>
      ) : null}
      {pending && canAny(d, 'approve', 'return') ? (
        <Section title="Freigabe (Vier-Augen-Prinzip)">
          <div className="ff-actions">
            <PreviewButton path={`/api/v1/decisions/${d.id}/letter-preview`} label={`Entwurf ${letterNoun} ansehen (PDF)`} fileName={`Entwurf_${d.reference}.pdf`} />
          </div>
          <ApprovalBlocked reason={d.approvalBlockedReason} />
          {can(d, 'approve') ? (
            <>
              {!confirming ? <ProblemAlert error={approve.error} title="Freigabe nicht möglich" /> : null}
              <div className="ff-actions">
                <Button onClick={() => setConfirming(true)}>Freigeben …</Button>
              </div>
              <ConfirmApproval
                open={confirming}
                title={`${what} ${d.reference} freigeben?`}
                confirmLabel="Ja, freigeben"
                busy={approve.isPending}
                error={approve.error}
                onConfirm={() => approve.mutate()}
                onClose={() => setConfirming(false)}
              >
                <p className="kern-body">
                  {d.outcome === 'REJECTION'
                    ? `Sie erlassen die Ablehnung ${d.reference} für ${d.providerName ?? 'den Träger'}.`
                    : `Sie geben ${pending.kind === 'ORIGINAL' ? `den ${what}` : pending.kind === 'AMENDMENT' ? 'die Änderung' : 'den Widerruf'} ${d.reference} für ${d.providerName ?? 'den Träger'} mit einem Höchstbetrag von ${formatMoney(pending.maxAmount)} frei.`}
                </p>
                <p className="kern-body">Das Schreiben geht danach an den Träger; die Freigabe lässt sich nicht zurücknehmen.</p>
              </ConfirmApproval>
            </>
          ) : null}
          {can(d, 'return') ? <ReturnProposal d={d} onDone={refresh} /> : null}
        </Section>
      ) : null}
      {d.current ? (
        <Section title="Geltende Fassung">
          <VersionDetails v={d.current} />
        </Section>
      ) : !pending ? <Empty>Noch keine freigegebene Fassung.</Empty> : null}
      <Section title="Versionen">
        <TableWrap label="Versionen">
          <table className="kern-table kern-table--small" data-testid="decision-versions">
            <caption className="kern-sr-only">Versionen der Entscheidung</caption>
            <thead className="kern-table__head"><tr className="kern-table__row"><th className="kern-table__header" scope="col">Fassung</th><th className="kern-table__header" scope="col">Art</th><th className="kern-table__header" scope="col">Status</th><th className="kern-table__header" scope="col">Vorgeschlagen</th><th className="kern-table__header" scope="col">Freigegeben</th><th className="kern-table__header kern-table__header--numeric" scope="col">Höchstbetrag</th><th className="kern-table__header" scope="col">Anmerkung</th></tr></thead>
            <tbody className="kern-table__body">
              {d.versions.map((v) => (
                <tr className="kern-table__row" key={v.id}>
                  <td className="kern-table__cell">{v.versionNo ?? '–'}</td>
                  <td className="kern-table__cell">{label(VERSION_KIND, v.kind)}</td>
                  <td className="kern-table__cell">{label(VERSION_STATUS, v.status)}</td>
                  <td className="kern-table__cell">{formatDateTime(v.proposedAt)}</td>
                  <td className="kern-table__cell">{formatDateTime(v.approvedAt)}</td>
                  <td className="kern-table__cell kern-table__cell--numeric"><Money value={v.maxAmount} /></td>
                  <td className="kern-table__cell">{v.returnReason ? `zurückgegeben: ${v.returnReason}` : v.reason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </Section>
      {can(d, 'proposeAmendment') && d.outcome === 'GRANT' ? <Amend d={d} onDone={refresh} /> : null}
      <DecisionFollowUp d={d} />
      <CaseAssignmentPanel type="DECISION" id={d.id} />
      <RecordHistory type="DECISION" id={d.id} />
    </>
  );
}

function ReturnProposal({ d, onDone }: { d: Schemas['DecisionDto']; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<z.infer<typeof reasonSchema>>({ resolver: zodResolver(reasonSchema), defaultValues: { reason: '' } });
  const ret = useMutation({
    mutationFn: (v: { reason: string }) => call(api.POST('/api/v1/decisions/{id}/return', { params: { path: { id: d.id } }, body: { reason: v.reason.trim() } })),
    onSuccess: onDone,
    onError: (err) => setShown(applyProblem(form, err)),
  });
  if (!open) return <Button variant="secondary" onClick={() => setOpen(true)}>Zurückgeben …</Button>;
  return (
    <form className="ff-form" noValidate onSubmit={form.handleSubmit((v) => ret.mutate(v))}>
      <ProblemAlert error={ret.error} shown={shown} />
      <TextArea form={form} name="reason" label="Warum geht der Vorschlag zurück?" rows={3} />
      <div className="ff-actions">
        <Button type="submit" busy={ret.isPending}>Vorschlag zurückgeben</Button>
        <Button variant="secondary" onClick={() => setOpen(false)}>Abbrechen</Button>
      </div>
    </form>
  );
}

const amendSchema = z.object({ reason: z.string().trim().min(1, 'Bitte die Änderung begründen.').max(2000), maxAmount: germanAmount });

function Amend({ d, onDone }: { d: Schemas['DecisionDto']; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<z.infer<typeof amendSchema>>({ resolver: zodResolver(amendSchema), defaultValues: { reason: '', maxAmount: '' } });
  const amend = useMutation({
    mutationFn: (v: z.infer<typeof amendSchema>) => call(api.POST('/api/v1/decisions/{id}/amendments', { params: { path: { id: d.id } }, body: { reason: v.reason.trim(), maxAmount: germanToApi(v.maxAmount) ?? v.maxAmount } })),
    onSuccess: () => {
      setOpen(false);
      onDone();
    },
    onError: (err) => setShown(applyProblem(form, err)),
  });
  return (
    <Section title="Änderungsbescheid">
      {!open ? (
        <Button variant="secondary" onClick={() => setOpen(true)}>Änderung vorschlagen …</Button>
      ) : (
        <form className="ff-form" noValidate onSubmit={form.handleSubmit((v) => amend.mutate(v))}>
          <ProblemAlert error={amend.error} shown={shown} />
          <TextField form={form} name="maxAmount" label="Neuer Höchstbetrag in €" inputMode="decimal" />
          <TextArea form={form} name="reason" label="Begründung" rows={2} />
          <div className="ff-actions">
            <Button type="submit" busy={amend.isPending}>Änderung vorschlagen</Button>
            <Button variant="secondary" onClick={() => setOpen(false)}>Abbrechen</Button>
          </div>
        </form>
      )}
    </Section>
  );
}
