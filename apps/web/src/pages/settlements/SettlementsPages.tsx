/**
 * Festsetzungen: proposed by Sachbearbeitung after the Prüfvermerk with a Votum, approved (or
 * returned) by a second person who reads the Votum, the Prüfvermerk as checklist, the proposer
 * and the draft letter, and confirms (issue 16); Freigeben is not offered to the proposer, and
 * the page says why. Approval books the release, caps further payouts at Z and creates the
 * Rückforderung where paid > Z.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useLocation, useParams } from 'react-router';
import { z } from 'zod';
import { can, canAny } from '../../api/actions';
import { api, call, type Schemas } from '../../api/client';
import { hasRole, useCurrentUser } from '../../auth/auth';
import { applyProblem, TextArea } from '../../components/form';
import { DataTable, FilterSelect } from '../../components/table';
import { ApprovalBlocked, ChecklistView, ConfirmApproval, PreviewButton, ProposalFacts } from '../../components/FourEyes';
import { Alert, Badge, Button, DescriptionList, Money, PageTitle, ProblemAlert, QueryView, Section } from '../../components/ui';
import { apiToCents } from '../../lib/decimal';
import { formatDate, formatMoney } from '../../lib/format';
import { label, SETTLEMENT_STATUS, SETTLEMENT_TONE, tone } from '../../lib/labels';
import { reasonSchema } from '../../lib/schemas';
import { CalculationView } from '../proofs/CalculationView';
import { RecordHistory } from '../../components/RecordHistory';

/** id → reference/provider of the decisions the caller may see (settlements and recoveries carry only the id). */
export function useDecisionNames() {
  return useQuery({
    queryKey: ['decisions', 'names'],
    queryFn: async () => {
      const page = await call(api.GET('/api/v1/decisions', { params: { query: { limit: 200 } } }));
      return new Map(page.items.map((d) => [d.id, { reference: d.reference, providerName: d.providerName ?? '' }]));
    },
  });
}


export function SettlementsPage() {
  const me = useCurrentUser();
  const provider = hasRole(me, 'PROVIDER');
  const [status, setStatus] = useState('');
  const names = useDecisionNames();
  const list = useQuery({ queryKey: ['settlements', 'all'], queryFn: () => call(api.GET('/api/v1/settlements')) });
  return (
    <>
      <PageTitle subtitle={provider ? 'Die festgesetzten Zuwendungen Ihrer Projekte' : 'Festsetzung der Zuwendung nach dem Prüfvermerk, unter vier Augen'}>Festsetzungen</PageTitle>
      <div className="ff-filters">
        <FilterSelect label="Status" value={status} onChange={setStatus} options={Object.entries(SETTLEMENT_STATUS).map(([value, l]) => ({ value, label: l }))} />
      </div>
      <QueryView query={list}>
        {(items) => (
          <DataTable
            caption="Festsetzungen"
            testId="settlements"
            rows={[...items].filter((s) => !status || s.status === status).reverse()}
            rowKey={(s) => s.id}
            empty="Keine Festsetzungen."
            columns={[
              { header: 'Bescheid', cell: (s) => <Link className="kern-link" to={`/festsetzungen/${s.id}`}>{names.data?.get(s.decisionId)?.reference ?? 'Festsetzung'}</Link> },
              ...(provider ? [] : [{ header: 'Träger', cell: (s: Schemas['SettlementDto']) => names.data?.get(s.decisionId)?.providerName ?? '–' }]),
              { header: 'Status', cell: (s) => <Badge tone={tone(SETTLEMENT_TONE, s.status)}>{label(SETTLEMENT_STATUS, s.status)}</Badge> },
              { header: 'Zuwendung Z', numeric: true, cell: (s) => <Money value={s.finalGrant} /> },
              { header: 'ausgezahlt', numeric: true, cell: (s) => <Money value={s.paidAmount} /> },
              { header: 'Rückforderung', numeric: true, cell: (s) => <Money value={s.recoveryAmount} /> },
              { header: 'Festsetzung vom', cell: (s) => formatDate(s.decisionDate) },
            ]}
          />
        )}
      </QueryView>
    </>
  );
}

export function SettlementPage() {
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: ['settlement', id], queryFn: () => call(api.GET('/api/v1/settlements/{id}', { params: { path: { id } } })) });
  return <QueryView query={query} what="Die Festsetzung">{(s) => <SettlementView s={s} />}</QueryView>;
}

function SettlementView({ s }: { s: Schemas['SettlementDto'] }) {
  const me = useCurrentUser();
  const location = useLocation();
  const queryClient = useQueryClient();
  const names = useDecisionNames();
  const name = names.data?.get(s.decisionId);
  const refresh = () => {
    for (const key of [['settlement', s.id], ['settlements'], ['recoveries'], ['proof'], ['decision', s.decisionId]]) void queryClient.invalidateQueries({ queryKey: key });
  };
  const [confirming, setConfirming] = useState(false);
  const approve = useMutation({
    mutationFn: () => call(api.POST('/api/v1/settlements/{id}/approve', { params: { path: { id: s.id } } })),
    onSuccess: () => {
      setConfirming(false);
      refresh();
    },
  });
  const recoveries = useQuery({
    queryKey: ['recoveries', s.decisionId],
    enabled: s.status === 'APPROVED',
    queryFn: () => call(api.GET('/api/v1/recoveries', { params: { query: { decisionId: s.decisionId, limit: 200 } } })),
    select: (page) => page.items,
  });
  const recoveryDue = (apiToCents(s.recoveryAmount) ?? 0n) > 0n;
  const recovery = approve.data?.recoveryId ?? recoveries.data?.find((r) => r.settlementId === s.id)?.id ?? null;
  return (
    <>
      <PageTitle subtitle={name ? `${name.providerName} · Bescheid ${name.reference}` : undefined}>{`Festsetzung${name ? ` ${name.reference}` : ''}`}</PageTitle>
      {(location.state as { flash?: string } | null)?.flash === 'proposed' && s.status === 'PROPOSED' ? (
        <Alert type="success" title="Festsetzung vorgeschlagen" live>
          <p className="kern-body">Eine zweite zeichnungsbefugte Person gibt sie frei.</p>
        </Alert>
      ) : null}
      {approve.isSuccess ? (
        <Alert type="success" title="Festsetzung freigegeben" live>
          <p className="kern-body">Die Zuwendung ist festgesetzt{approve.data.recoveryId ? '; die Rückforderung ist angelegt' : ''}.</p>
        </Alert>
      ) : null}
      <div className="ff-actions">
        <span>Status:</span>
        <Badge tone={tone(SETTLEMENT_TONE, s.status)}>{label(SETTLEMENT_STATUS, s.status)}</Badge>
        <Link className="kern-link" to={`/bescheide/${s.decisionId}`}>
          Zum Bescheid
        </Link>
        {hasRole(me, 'PROVIDER') ? null : (
          <Link className="kern-link" to={`/nachweise/${s.proofId}/pruefung`}>
            Zur Prüfung des Nachweises
          </Link>
        )}
        {recovery ? (
          <Link className="kern-link" to={`/rueckforderungen/${recovery}`}>
            Zur Rückforderung
          </Link>
        ) : null}
      </div>
      <DescriptionList
        items={[
          ['Festgesetzte Zuwendung (Z)', <strong key="z">{formatMoney(s.finalGrant)}</strong>],
          ['Anerkannte Ausgaben (A)', <Money key="a" value={s.recognisedCosts} />],
          ['Ausgezahlt', <Money key="p" value={s.paidAmount} />],
          ['Rückforderung (R)', <Money key="r" value={s.recoveryAmount} />],
          ['Freiwerdende Mittel (H − Z)', <Money key="f" value={s.releaseAmount} />],
          ['Fälligkeit der Rückforderung', formatDate(s.recoveryDueDate)],
          ['Festsetzung vom', formatDate(s.decisionDate)],
          ...(s.returnReason ? ([['Zurückgegeben', s.returnReason]] as [string, string][]) : []),
        ]}
      />
      <Section title="Berechnung">
        <CalculationView calc={s.calculation} paid={s.paidAmount} />
      </Section>
      {s.votum || s.checklist ? (
        <Section title="Grundlage der Festsetzung">
          <div className="ff-context" data-testid="proposal-context">
            <ProposalFacts reasons={s.votum?.reasons} proposedBy={s.proposedBy} proposedAt={s.proposedAt} />
            {s.checklist ? <ChecklistView checklist={s.checklist} caption="Prüfvermerk als Checkliste" /> : null}
          </div>
        </Section>
      ) : null}
      {canAny(s, 'approve', 'return') ? (
        <Section title="Freigabe (Vier-Augen-Prinzip)">
          <div className="ff-actions">
            <PreviewButton
              path={`/api/v1/settlements/${s.id}/letter-preview`}
              label={recoveryDue ? 'Entwurf des Rückforderungsbescheids ansehen (PDF)' : 'Entwurf des Prüfvermerks ansehen (PDF)'}
              fileName={`Entwurf_Festsetzung_${name?.reference ?? s.id}.pdf`}
            />
          </div>
          <ApprovalBlocked reason={s.approvalBlockedReason} />
          {can(s, 'approve') ? (
            <>
              {!confirming ? <ProblemAlert error={approve.error} title="Freigabe nicht möglich" /> : null}
              <div className="ff-actions">
                <Button onClick={() => setConfirming(true)}>Festsetzung freigeben …</Button>
              </div>
              <ConfirmApproval
                open={confirming}
                title={`Festsetzung${name ? ` ${name.reference}` : ''} freigeben?`}
                confirmLabel="Ja, Festsetzung freigeben"
                busy={approve.isPending}
                error={approve.error}
                onConfirm={() => approve.mutate()}
                onClose={() => setConfirming(false)}
              >
                <p className="kern-body">
                  {`Sie setzen die Zuwendung${name ? ` zu ${name.reference} (${name.providerName})` : ''} auf ${formatMoney(s.finalGrant)} fest.`}
                  {recoveryDue ? ` Zurückgefordert werden ${formatMoney(s.recoveryAmount)}, fällig am ${formatDate(s.recoveryDueDate)}.` : ''}
                </p>
              </ConfirmApproval>
            </>
          ) : null}
          {can(s, 'return') ? <ReturnSettlement s={s} onDone={refresh} /> : null}
        </Section>
      ) : null}
      <RecordHistory type="SETTLEMENT" id={s.id} />
    </>
  );
}

function ReturnSettlement({ s, onDone }: { s: Schemas['SettlementDto']; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<z.infer<typeof reasonSchema>>({ resolver: zodResolver(reasonSchema), defaultValues: { reason: '' } });
  const ret = useMutation({
    mutationFn: (v: { reason: string }) => call(api.POST('/api/v1/settlements/{id}/return', { params: { path: { id: s.id } }, body: { reason: v.reason.trim() } })),
    onSuccess: onDone,
    onError: (err) => setShown(applyProblem(form, err)),
  });
  if (!open) {
    return (
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Zurückgeben …
      </Button>
    );
  }
  return (
    <form className="ff-form ff-form--narrow" noValidate onSubmit={form.handleSubmit((v) => ret.mutate(v))}>
      <ProblemAlert error={ret.error} shown={shown} />
      <TextArea form={form} name="reason" label="Warum geht die Festsetzung zurück?" rows={3} />
      <div className="ff-actions">
        <Button type="submit" busy={ret.isPending}>
          Festsetzung zurückgeben
        </Button>
        <Button variant="secondary" onClick={() => setOpen(false)}>
          Abbrechen
        </Button>
      </div>
    </form>
  );
}
