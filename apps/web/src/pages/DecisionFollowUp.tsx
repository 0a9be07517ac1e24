/**
 * What follows a Bescheid/Vertrag, on its page: the letters (PDF), the Mittelabrufe, the
 * Verwendungsnachweis with its deadlines and the Belegliste template, the Festsetzung and a
 * Rückforderung.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, call, type Schemas } from '../api/client';
import { hasRole, useCurrentUser } from '../auth/auth';
import { LettersSection } from '../components/Letters';
import { DataTable } from '../components/table';
import { Badge, Button, Money, ProblemAlert, QueryView, Section } from '../components/ui';
import { formatDate } from '../lib/format';
import { label, RECOVERY_STATUS, RECOVERY_TONE, SETTLEMENT_STATUS, tone } from '../lib/labels';
import { downloadFile } from '../lib/transfer';
import { PaymentRequestTable } from './payments/PaymentRequestsPage';
import { DeadlinesTable } from './proofs/ProofsPage';

export function DecisionFollowUp({ d }: { d: Schemas['DecisionDto'] }) {
  const me = useCurrentUser();
  const provider = hasRole(me, 'PROVIDER');
  const grant = d.outcome === 'GRANT' && d.currentVersionNo !== null;
  return (
    <>
      {d.current ? <LettersSection owner="decisions" id={d.id} revision={d.currentVersionNo} /> : null}
      {grant ? (
        <>
          <Payments d={d} provider={provider} />
          <Proofs d={d} />
          <Settlement d={d} />
        </>
      ) : null}
    </>
  );
}

function Payments({ d, provider }: { d: Schemas['DecisionDto']; provider: boolean }) {
  const list = useQuery({ queryKey: ['payment-requests', 'decision', d.id], queryFn: () => call(api.GET('/api/v1/payment-requests', { params: { query: { decisionId: d.id, limit: 200 } } })) });
  return (
    <Section
      title="Mittelabrufe"
      actions={
        provider && d.status === 'IN_FORCE' ? (
          <Link className="kern-btn kern-btn--primary" to={`/mittelabrufe/neu?bescheid=${d.id}`}>
            <span className="kern-label">Mittel abrufen</span>
          </Link>
        ) : undefined
      }
    >
      <QueryView query={list}>{(page) => <PaymentRequestTable items={page.items} provider={provider} caption={`Mittelabrufe zu ${d.reference}`} />}</QueryView>
    </Section>
  );
}

function Proofs({ d }: { d: Schemas['DecisionDto'] }) {
  const template = useMutation({ mutationFn: () => downloadFile(`/api/v1/decisions/${d.id}/receipt-template`, `Belegliste_${d.reference}.xlsx`) });
  return (
    <Section
      title="Verwendungsnachweis"
      actions={
        <Button variant="secondary" busy={template.isPending} onClick={() => template.mutate()}>
          Belegliste-Vorlage (xlsx)
        </Button>
      }
    >
      <ProblemAlert error={template.error} title="Vorlage nicht verfügbar" />
      <DeadlinesTable decisionId={d.id} />
    </Section>
  );
}

function Settlement({ d }: { d: Schemas['DecisionDto'] }) {
  const settlements = useQuery({ queryKey: ['settlements', d.id], queryFn: () => call(api.GET('/api/v1/settlements', { params: { query: { decisionId: d.id } } })) });
  const recoveries = useQuery({
    queryKey: ['recoveries', d.id],
    queryFn: () => call(api.GET('/api/v1/recoveries', { params: { query: { decisionId: d.id, limit: 200 } } })),
    select: (page) => page.items,
  });
  if ((settlements.data?.length ?? 0) === 0 && (recoveries.data?.length ?? 0) === 0) return null;
  return (
    <Section title="Festsetzung und Rückforderung">
      <DataTable
        caption="Festsetzungen"
        rows={settlements.data ?? []}
        rowKey={(s) => s.id}
        empty="Noch keine Festsetzung."
        columns={[
          { header: 'Festsetzung', cell: (s) => <Link className="kern-link" to={`/festsetzungen/${s.id}`}>vom {formatDate(s.decisionDate)}</Link> },
          { header: 'Status', cell: (s) => label(SETTLEMENT_STATUS, s.status) },
          { header: 'Zuwendung Z', numeric: true, cell: (s) => <Money value={s.finalGrant} /> },
          { header: 'Rückforderung', numeric: true, cell: (s) => <Money value={s.recoveryAmount} /> },
        ]}
      />
      {(recoveries.data?.length ?? 0) > 0 ? (
        <DataTable
          caption="Rückforderungen"
          rows={recoveries.data ?? []}
          rowKey={(r) => r.id}
          columns={[
            { header: 'Zeichen', cell: (r) => <Link className="kern-link" to={`/rueckforderungen/${r.id}`}>{r.reference}</Link> },
            { header: 'Status', cell: (r) => <Badge tone={tone(RECOVERY_TONE, r.status)}>{label(RECOVERY_STATUS, r.status)}</Badge> },
            { header: 'Betrag', numeric: true, cell: (r) => <Money value={r.principal} /> },
            { header: 'fällig am', cell: (r) => formatDate(r.dueDate) },
          ]}
        />
      ) : null}
    </Section>
  );
}
