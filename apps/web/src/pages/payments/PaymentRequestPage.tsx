/**
 * One Mittelabruf. The Träger edits a draft, submits or withdraws it; Sachbearbeitung checks it
 * (the checklist of "sachlich richtig", confirm or reduce, with a Prüfvermerk); a second person
 * with Zeichnungsbefugnis approves the payout after a confirmation, reading who checked it and the
 * checklist beside it (issue 16). The buttons follow the API's `allowedActions`, which omits
 * `approve` for the person who checked; the page says why (`approvalBlockedReason`).
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Link, useLocation, useParams } from 'react-router';
import { z } from 'zod';
import { can } from '../../api/actions';
import { api, call, type Schemas } from '../../api/client';
import { nameOf, useCostCategories, useDecision } from '../../api/queries';
import { ChecklistEditor, checklistPath } from '../../components/ChecklistEditor';
import { ApprovalBlocked, ChecklistView, ConfirmApproval, ProposalFacts } from '../../components/FourEyes';
import { applyProblem, TextArea, TextField } from '../../components/form';
import { DataTable } from '../../components/table';
import { Alert, Badge, Button, DescriptionList, Money, PageTitle, ProblemAlert, QueryView, Section } from '../../components/ui';
import { germanToApi } from '../../lib/decimal';
import { formatAmount, formatDate, formatDateTime, formatMoney } from '../../lib/format';
import { codeOf, label, optionsOf, PAYEE_TYPE, PAYMENT_CHECKLIST, PAYMENT_STATUS, PAYMENT_TONE, tone } from '../../lib/labels';
import { germanAmount, reasonSchema } from '../../lib/schemas';
import { formFromRequest, LimitView, PaymentRequestEditor } from './PaymentRequestForm';
import { RecordHistory } from '../../components/RecordHistory';

export function PaymentRequestPage() {
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: ['payment-request', id], queryFn: () => call(api.GET('/api/v1/payment-requests/{id}', { params: { path: { id } } })) });
  return (
    <QueryView query={query} what="Der Mittelabruf">
      {(r) => <PaymentRequestView r={r} />}
    </QueryView>
  );
}

function PaymentRequestView({ r }: { r: Schemas['PaymentRequestDto'] }) {
  const location = useLocation();
  const state = location.state as { flash?: string; submitError?: string } | null;
  const queryClient = useQueryClient();
  const costCategories = useCostCategories();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['payment-request', r.id] });
    void queryClient.invalidateQueries({ queryKey: ['payment-requests'] });
    void queryClient.invalidateQueries({ queryKey: ['worklist'] });
    void queryClient.invalidateQueries({ queryKey: ['disbursements'] });
  };
  const withdraw = useMutation({ mutationFn: () => call(api.POST('/api/v1/payment-requests/{id}/withdraw', { params: { path: { id: r.id } } })), onSuccess: refresh });
  const [confirming, setConfirming] = useState(false);
  const approve = useMutation({
    mutationFn: () => call(api.POST('/api/v1/payment-requests/{id}/approve', { params: { path: { id: r.id } } })),
    onSuccess: () => {
      setConfirming(false);
      refresh();
    },
  });
  // The single request comes without the names the list carries; the decision has them.
  const decision = useDecision(r.decisionReference && r.providerName ? null : r.decisionId);
  const reference = r.decisionReference ?? decision.data?.reference ?? '';
  const providerName = r.providerName ?? decision.data?.providerName ?? '';
  const editable = can(r, 'update');
  return (
    <>
      <PageTitle subtitle={providerName ? `${providerName} · Bescheid ${reference}` : undefined}>{`Mittelabruf ${r.reference}`}</PageTitle>
      {state?.flash === 'submitted' && r.status === 'SUBMITTED' ? (
        <Alert type="success" title="Mittelabruf eingereicht" live>
          <p className="kern-body">Das Landratsamt prüft den Abruf; eine zweite Person gibt die Auszahlung frei.</p>
        </Alert>
      ) : null}
      {state?.flash === 'saved' && r.status === 'DRAFT' ? <Alert type="success" title="Entwurf gespeichert" live /> : null}
      {approve.isSuccess ? (
        <Alert type="success" title="Zur Auszahlung freigegeben" live>
          <p className="kern-body">
            Die Auszahlung über <Money value={approve.data.disbursement.amount} /> ist freigegeben. Sie kommt mit der nächsten <Link className="kern-link" to="/auszahlungen">Zahlungsdatei</Link> zur Bank.
          </p>
        </Alert>
      ) : null}
      <div className="ff-actions">
        <span>Status:</span>
        <Badge tone={tone(PAYMENT_TONE, r.status)}>{label(PAYMENT_STATUS, r.status)}</Badge>
        <Link className="kern-link" to={`/bescheide/${r.decisionId}`}>
          Zum Bescheid {reference}
        </Link>
        {can(r, 'withdraw') ? (
          <Button variant="secondary" busy={withdraw.isPending} onClick={() => withdraw.mutate()}>
            Zurückziehen
          </Button>
        ) : null}
      </div>
      <ProblemAlert error={withdraw.error} />

      {editable ? (
        <Section title="Entwurf bearbeiten">
          <PaymentRequestEditor decisions={[{ id: r.decisionId, reference }]} initial={formFromRequest(r)} existing={r} submitError={state?.submitError} />
        </Section>
      ) : (
        <>
          <Section title="Angaben">
            <DescriptionList
              items={[
                ['Angefordert', <Money key="a" value={r.requestedAmount} />],
                ['Gewünschte Wertstellung', formatDate(r.requestedValueDate)],
                ['Eingereicht', formatDateTime(r.submittedAt)],
                ['Bankverbindung', r.iban ? `${r.accountHolder ?? ''}, ${r.iban}` : '–'],
                ['Geprüfter Betrag', <Money key="c" value={r.checkedAmount} />],
                // The Kreis reads the Prüfvermerk with the checklist below (section "Sachliche Prüfung").
                ...(r.checkNote && !r.checkedByUser ? ([['Prüfvermerk', r.checkNote]] as [string, string][]) : []),
                ['Freigegeben', formatDateTime(r.approvedAt)],
                ['Ausgezahlt am', formatDate(r.paidOn)],
                ...(r.rejectionReason ? ([['Ablehnungsgrund', r.rejectionReason]] as [string, string][]) : []),
              ]}
            />
          </Section>
          <Section title="Fällige Zahlungen">
            {r.dueTotal ? (
              <p className="kern-body">
                Summe <Money value={r.dueTotal} />: {r.dueExplanation}
              </p>
            ) : (
              <DataTable
                caption="Fällige Zahlungen"
                rows={r.duePayments}
                rowKey={(_, i) => String(i)}
                columns={[
                  { header: 'Fällig am', cell: (p) => formatDate(p.dueDate) },
                  { header: 'Empfänger', cell: (p) => label(PAYEE_TYPE, p.payeeType) },
                  { header: 'Kostenart', cell: (p) => nameOf(costCategories.data, p.costCategory) },
                  { header: 'Wofür', cell: (p) => p.description },
                  { header: 'Betrag', numeric: true, cell: (p) => <Money value={p.amount} /> },
                ]}
              />
            )}
          </Section>
          {r.limit ? (
            <Section title="2-Monats-Regel">
              <LimitView limit={r.limit} requested={r.requestedAmount} title="Abrufbar beim Einreichen" />
            </Section>
          ) : null}
        </>
      )}

      {can(r, 'check') ? <CheckForm r={r} onDone={refresh} /> : null}
      {r.checkedByUser ? (
        <Section title="Sachliche Prüfung">
          <div className="ff-context" data-testid="check-context">
            <ProposalFacts reasons={r.checkNote} reasonsLabel="Prüfvermerk" proposedBy={r.checkedByUser} proposedAt={r.checkedAt} proposedLabel="Sachlich geprüft von" />
            {r.checkChecklist ? <ChecklistView checklist={r.checkChecklist} caption="Sachlich richtig: Checkliste mit Vermerken" /> : null}
          </div>
        </Section>
      ) : null}
      {r.approvalBlockedReason ? (
        <Section title="Auszahlung freigeben">
          <ApprovalBlocked reason={r.approvalBlockedReason} />
        </Section>
      ) : null}
      {can(r, 'approve') ? (
        <Section title="Auszahlung freigeben">
          <p className="kern-body">
            Freigegeben wird der geprüfte Betrag von <Money value={r.checkedAmount} /> an {r.accountHolder} ({r.iban}).
          </p>
          {!confirming ? <ProblemAlert error={approve.error} title="Freigabe nicht möglich" /> : null}
          <div className="ff-actions">
            <Button onClick={() => setConfirming(true)}>Auszahlung freigeben …</Button>
          </div>
          <ConfirmApproval
            open={confirming}
            title={`Auszahlung zu ${r.reference} freigeben?`}
            confirmLabel="Ja, Auszahlung freigeben"
            busy={approve.isPending}
            error={approve.error}
            onConfirm={() => approve.mutate()}
            onClose={() => setConfirming(false)}
          >
            <p className="kern-body">
              {`Sie geben ${formatMoney(r.checkedAmount ?? r.requestedAmount)} aus dem Bescheid ${reference} an ${r.accountHolder ?? providerName} (${r.iban ?? '–'}) zur Auszahlung frei.`}
            </p>
            <p className="kern-body">Die Auszahlung kommt mit der nächsten Zahlungsdatei zur Bank.</p>
          </ConfirmApproval>
        </Section>
      ) : null}
      {can(r, 'reject') ? <RejectForm r={r} onDone={refresh} /> : null}
      <RecordHistory type="PAYMENT_REQUEST" id={r.id} />
    </>
  );
}

const PAYMENT_POINTS = optionsOf(PAYMENT_CHECKLIST);

const checkSchema = z
  .object({
    amount: germanAmount,
    note: z.string().trim().min(1, 'Bitte im Prüfvermerk begründen, warum der Abruf sachlich richtig ist.').max(2000, 'Höchstens 2.000 Zeichen.'),
    items: z.array(z.object({ code: z.custom<Schemas['PaymentCheckCode']>((c) => typeof c === 'string' && codeOf(PAYMENT_CHECKLIST, c) !== ''), result: z.enum(['OPEN', 'OK', 'NOT_OK', 'NOT_APPLICABLE']), note: z.string().max(2000, 'Höchstens 2.000 Zeichen.') })),
  })
  .superRefine((v, ctx) => {
    v.items.forEach((item, i) => {
      const what = PAYMENT_POINTS[i]?.label ?? item.code;
      if (item.result === 'OPEN') ctx.addIssue({ code: 'custom', path: ['items', i, 'result'], message: `Der Prüfpunkt „${what}“ ist noch offen.` });
      if (item.result === 'NOT_OK' && !item.note.trim()) ctx.addIssue({ code: 'custom', path: ['items', i, 'note'], message: 'Bitte begründen, warum der Punkt nicht erfüllt ist.' });
    });
  });

function CheckForm({ r, onDone }: { r: Schemas['PaymentRequestDto']; onDone: () => void }) {
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<z.infer<typeof checkSchema>>({
    resolver: zodResolver(checkSchema),
    defaultValues: { amount: formatAmount(r.requestedAmount), note: '', items: PAYMENT_POINTS.map(({ value: code }) => ({ code, result: 'OPEN', note: '' })) },
  });
  const check = useMutation({
    mutationFn: (v: z.infer<typeof checkSchema>) =>
      call(
        api.POST('/api/v1/payment-requests/{id}/check', {
          params: { path: { id: r.id } },
          body: {
            amount: germanToApi(v.amount) ?? v.amount,
            note: v.note.trim() || null,
            checklist: v.items.map((i) => ({ code: i.code, result: i.result, note: i.note.trim() || null })),
          },
        }),
      ),
    onSuccess: onDone,
    onError: (err) => setShown(applyProblem(form, err, checklistPath(PAYMENT_POINTS.map((p) => p.value)))),
  });
  const items = useWatch({ control: form.control, name: 'items' });
  return (
    <Section title="Sachlich prüfen">
      <form className="ff-form" noValidate onSubmit={form.handleSubmit((v) => check.mutate(v))}>
        <ProblemAlert error={check.error} shown={shown} title="Prüfung nicht gespeichert" />
        <ChecklistEditor form={form} points={PAYMENT_POINTS} values={items} caption="Sachlich richtig: jeder Punkt entschieden" />
        <div className="ff-form--narrow ff-stack">
          <TextField form={form} name="amount" label="Geprüfter Betrag in €" inputMode="decimal" hint="Bei einer Kürzung bitte im Prüfvermerk begründen." />
          <TextArea form={form} name="note" label="Prüfvermerk (Begründung)" rows={3} hint="Warum der Abruf sachlich richtig ist; bei einer Kürzung ihr Grund. Die freigebende Person liest ihn." />
        </div>
        <div className="ff-actions">
          <Button type="submit" busy={check.isPending}>
            Prüfung abschließen
          </Button>
        </div>
      </form>
    </Section>
  );
}

function RejectForm({ r, onDone }: { r: Schemas['PaymentRequestDto']; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<z.infer<typeof reasonSchema>>({ resolver: zodResolver(reasonSchema), defaultValues: { reason: '' } });
  const reject = useMutation({
    mutationFn: (v: { reason: string }) => call(api.POST('/api/v1/payment-requests/{id}/reject', { params: { path: { id: r.id } }, body: { reason: v.reason.trim() } })),
    onSuccess: onDone,
    onError: (err) => setShown(applyProblem(form, err)),
  });
  return (
    <Section title="Ablehnen">
      {!open ? (
        <Button variant="secondary" onClick={() => setOpen(true)}>
          Mittelabruf ablehnen …
        </Button>
      ) : (
        <form className="ff-form ff-form--narrow" noValidate onSubmit={form.handleSubmit((v) => reject.mutate(v))}>
          <ProblemAlert error={reject.error} shown={shown} />
          <TextArea form={form} name="reason" label="Grund der Ablehnung" rows={3} />
          <div className="ff-actions">
            <Button type="submit" busy={reject.isPending}>
              Ablehnen
            </Button>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Abbrechen
            </Button>
          </div>
        </form>
      )}
    </Section>
  );
}
