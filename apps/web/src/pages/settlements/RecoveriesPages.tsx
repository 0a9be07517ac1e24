/**
 * Rückforderungen with their § 49a (3) interest: each interest-bearing part from the day after its
 * payout, split at every 1 January and 1 July with the rate of that period (Basiszins + surcharge),
 * up to a chosen day; repayments reduce the principal from their date. Staff record repayments.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useParams } from 'react-router';
import { z } from 'zod';
import { can } from '../../api/actions';
import { api, call, type Schemas } from '../../api/client';
import { hasRole, useCurrentUser } from '../../auth/auth';
import { applyProblem, TextField } from '../../components/form';
import { LettersSection } from '../../components/Letters';
import { ListFilters, LoadMore, useListQuery } from '../../components/lists';
import { DataTable, FooterRow, PlainInput, type Column } from '../../components/table';
import { useShowsDistrict, withDistrictColumn } from '../../components/district';
import { Alert, Badge, Button, DescriptionList, Money, PageTitle, ProblemAlert, QueryView, Section } from '../../components/ui';
import { apiToCents, germanToApi } from '../../lib/decimal';
import { daysBetween, formatDate, formatInteger, formatMoney, formatPercent, todayIso } from '../../lib/format';
import { DUNNING_LEVEL, label, RECOVERY_STATUS, RECOVERY_TONE, tone } from '../../lib/labels';
import { germanAmount, isoDate } from '../../lib/schemas';
import { useDecisionNames } from './SettlementsPages';
import { CaseAssignmentPanel } from '../../components/CaseAssignmentPanel';
import { RecordHistory } from '../../components/RecordHistory';


/** An exact decimal (e.g. an unrounded interest segment) with up to four decimals for display. */
const fine = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2, maximumFractionDigits: 4 });
export function formatExact(value: string): string {
  return fine.format(value as unknown as number);
}

type R = Schemas['RecoveryDto'];

export function RecoveriesPage() {
  const me = useCurrentUser();
  const provider = hasRole(me, 'PROVIDER');
  const list = useListQuery({
    key: 'recoveries',
    filters: ['status', 'providerId', 'fieldOfAction', 'socialArea', 'budgetYear', 'dueAfter', 'dueBefore', 'dunning', 'assigneeId', 'districtId'],
    sortKeys: ['reference', 'providerName', 'status', 'principal', 'repaidPrincipal', 'dueDate', 'createdAt'],
    defaultSort: 'dueDate',
    statuses: RECOVERY_STATUS,
    dueLabel: 'fällig',
    fetchPage: (query) => call(api.GET('/api/v1/recoveries', { params: { query } })),
  });
  const today = todayIso();
  const showsDistrict = useShowsDistrict();
  const columns: Column<R>[] = withDistrictColumn<R>([
    { header: 'Zeichen', sortKey: 'reference', cell: (r) => <Link className="kern-link" to={`/rueckforderungen/${r.id}`}>{r.reference}</Link> },
    ...(provider ? [] : [{ header: 'Träger', sortKey: 'providerName', cell: (r: R) => r.providerName ?? '–' }]),
    { header: 'Status', sortKey: 'status', cell: (r) => <Badge tone={tone(RECOVERY_TONE, r.status)}>{label(RECOVERY_STATUS, r.status)}</Badge> },
    { header: 'Betrag', sortKey: 'principal', numeric: true, cell: (r) => <Money value={r.principal} /> },
    { header: 'getilgt', sortKey: 'repaidPrincipal', numeric: true, cell: (r) => <Money value={r.repaidPrincipal} /> },
    { header: 'Zinsen gezahlt', numeric: true, cell: (r) => <Money value={r.repaidInterest} /> },
    { header: 'Mahnstufe', cell: (r) => <DunningBadge r={r} /> },
    {
      header: 'fällig am',
      sortKey: 'dueDate',
      cell: (r) => (
        <>
          {formatDate(r.dueDate)} {r.status !== 'SETTLED' && daysBetween(today, r.dueDate) < 0 ? <Badge tone="danger">überfällig</Badge> : null}
        </>
      ),
    },
  ], showsDistrict);
  return (
    <>
      <PageTitle subtitle="Zurückgeforderte Beträge mit Erstattungszinsen nach § 49a Abs. 3 VwVfG">Rückforderungen</PageTitle>
      <ListFilters list={list} />
      <QueryView query={list.query}>
        {(rows) => <DataTable caption="Rückforderungen" testId="recoveries" rows={rows} rowKey={(r) => r.id} columns={columns} sort={list.sort} empty="Keine Rückforderungen." />}
      </QueryView>
      <LoadMore list={list} one="Rückforderung" many="Rückforderungen" />
    </>
  );
}

export function RecoveryPage() {
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: ['recovery', id], queryFn: () => call(api.GET('/api/v1/recoveries/{id}', { params: { path: { id } } })) });
  return <QueryView query={query} what="Die Rückforderung">{(r) => <RecoveryView r={r} />}</QueryView>;
}

function RecoveryView({ r }: { r: Schemas['RecoveryDto'] }) {
  const names = useDecisionNames();
  const name = names.data?.get(r.decisionId);
  const [asOf, setAsOf] = useState(todayIso());
  const [applied, setApplied] = useState(asOf);
  const interest = useQuery({
    queryKey: ['recovery-interest', r.id, applied],
    queryFn: () => call(api.GET('/api/v1/recoveries/{id}/interest', { params: { path: { id: r.id }, query: { asOf: applied } } })),
  });
  const repayments = useQuery({ queryKey: ['recovery-repayments', r.id], queryFn: () => call(api.GET('/api/v1/recoveries/{id}/repayments', { params: { path: { id: r.id } } })) });
  const overdue = r.status !== 'SETTLED' && daysBetween(todayIso(), r.dueDate) < 0;
  return (
    <>
      <PageTitle subtitle={name ? `${name.providerName} · Bescheid ${name.reference}` : undefined}>{`Rückforderung ${r.reference}`}</PageTitle>
      <div className="ff-actions">
        <span>Status:</span>
        <Badge tone={tone(RECOVERY_TONE, r.status)}>{label(RECOVERY_STATUS, r.status)}</Badge>
        {overdue ? <Badge tone="danger">überfällig seit {formatDate(r.dueDate)}</Badge> : null}
        <Link className="kern-link" to={`/bescheide/${r.decisionId}`}>
          Zum Bescheid
        </Link>
        <Link className="kern-link" to={`/festsetzungen/${r.settlementId}`}>
          Zur Festsetzung
        </Link>
      </div>
      <DescriptionList
        items={[
          ['Rückforderungsbetrag', <Money key="p" value={r.principal} />],
          ['Fällig am', formatDate(r.dueDate)],
          ['Getilgt (Hauptforderung)', <Money key="rp" value={r.repaidPrincipal} />],
          ['Gezahlte Zinsen', <Money key="ri" value={r.repaidInterest} />],
          ['Beglichen am', formatDate(r.settledOn)],
          ['Form', r.instrument === 'VERTRAG' ? 'Zahlungsaufforderung (Vertrag)' : 'Rückforderungsbescheid'],
          ['Mahnstufe', <DunningBadge key="m" r={r} />],
        ]}
      />
      <DunningSection r={r} />
      <Section title="Verzinste Teilbeträge">
        <QueryView query={interest}>
          {(i) => (
            <DataTable
              caption="Verzinste Teilbeträge (je Auszahlung, die jüngste zuerst)"
              testId="interest-parts"
              rows={i.parts.map((p, index) => ({ ...p, key: `${index}` }))}
              rowKey={(p) => p.key}
              columns={[
                { header: 'Auszahlung gebucht am', cell: (p) => (p.paidOn ? formatDate(p.paidOn) : 'freigegeben, noch nicht gebucht') },
                { header: 'Zinsen ab', cell: (p) => (p.interestFrom ? formatDate(p.interestFrom) : 'dem Tag nach der Buchung') },
                { header: 'Teilbetrag', numeric: true, cell: (p) => <Money value={p.amount} /> },
              ]}
            />
          )}
        </QueryView>
      </Section>
      <Section title="Zinsen nach § 49a Abs. 3 VwVfG">
        <form
          className="ff-filters"
          onSubmit={(e) => {
            e.preventDefault();
            setApplied(asOf);
          }}
        >
          <PlainInput label="Stichtag" type="date" value={asOf} onChange={setAsOf} />
          <div className="ff-actions">
            <Button type="submit" variant="secondary">
              Zinsen berechnen
            </Button>
          </div>
        </form>
        <QueryView query={interest}>{(i) => <InterestTable i={i} />}</QueryView>
      </Section>
      <Section title="Zahlungseingänge">
        <QueryView query={repayments}>
          {(items) => (
            <DataTable
              caption="Zahlungseingänge"
              testId="repayments"
              rows={items}
              rowKey={(p) => p.id}
              empty="Noch keine Zahlung eingegangen."
              columns={[
                { header: 'Eingang', cell: (p) => formatDate(p.receivedOn) },
                { header: 'Einzahler', cell: (p) => p.payer },
                { header: 'Verwendungszweck', cell: (p) => p.paymentReference },
                { header: 'Betrag', numeric: true, cell: (p) => <Money value={p.amount} /> },
                { header: 'davon Land', numeric: true, cell: (p) => <Money value={p.stateShare} /> },
                { header: 'davon Kreis', numeric: true, cell: (p) => <Money value={p.districtShare} /> },
              ]}
            />
          )}
        </QueryView>
        {can(r, 'repay') ? <RecordRepayment r={r} /> : null}
      </Section>
      <LettersSection owner="recoveries" id={r.id} title="Rückforderungsbescheid und Mahnungen (PDF)" revision={r.dunningLevel} />
      <CaseAssignmentPanel type="RECOVERY" id={r.id} />
      <RecordHistory type="RECOVERY" id={r.id} />
    </>
  );
}

/** The Mahnstufe, and „Vollstreckung prüfen“ once the 2nd Mahnung's deadline passed unpaid. */
function DunningBadge({ r }: { r: Schemas['RecoveryDto'] }) {
  if (r.enforcementDue) return <Badge tone="danger">Vollstreckung prüfen</Badge>;
  if (r.dunningLevel === 0) return <>{label(DUNNING_LEVEL, '0')}</>;
  return <Badge tone="warning">{label(DUNNING_LEVEL, String(r.dunningLevel))}</Badge>;
}

/** The Mahnungen with their dates and what each asked for; their letters are in the letters section. */
function DunningSection({ r }: { r: Schemas['RecoveryDto'] }) {
  if (r.dunnings.length === 0) return null;
  return (
    <Section title="Mahnungen">
      {r.enforcementDue ? (
        <Alert type="danger" title="Vollstreckung prüfen">
          <p className="kern-body">
            Die Zahlungsfrist der 2. Mahnung ist am {formatDate(r.dunnings.find((n) => n.level === 2)?.paymentDeadline)} abgelaufen, ohne dass die Forderung beglichen wurde.
          </p>
        </Alert>
      ) : null}
      <DataTable
        caption="Mahnungen"
        testId="dunnings"
        rows={r.dunnings}
        rowKey={(n) => n.id}
        columns={[
          { header: 'Mahnung', cell: (n) => label(DUNNING_LEVEL, String(n.level)) },
          { header: 'vom', cell: (n) => formatDate(n.issuedOn) },
          { header: 'Zahlungsfrist', cell: (n) => formatDate(n.paymentDeadline) },
          { header: 'gefordert', numeric: true, cell: (n) => <Money value={n.totalDue} /> },
          { header: 'davon Forderung', numeric: true, cell: (n) => <Money value={n.outstandingPrincipal} /> },
          { header: 'davon Zinsen', numeric: true, cell: (n) => <Money value={n.interestOutstanding} /> },
        ]}
      />
    </Section>
  );
}

function InterestTable({ i }: { i: Schemas['RecoveryInterestDto'] }) {
  const rows = i.pieces.flatMap((p, pi) => p.segments.map((s, si) => ({ ...s, key: `${pi}-${si}`, piece: p })));
  const total = (apiToCents(i.outstandingPrincipal) ?? 0n) + (apiToCents(i.interestOutstanding) ?? 0n);
  const cut = i.computedUntil !== null && i.computedUntil < i.asOf;
  return (
    <>
      {cut ? (
        <Alert type="info" title={`Zinsen berechnet bis ${formatDate(i.computedUntil)}`}>
          <p data-testid="interest-computed-until">{i.computedUntilReason}</p>
        </Alert>
      ) : (
        <p className="kern-body" data-testid="interest-computed-until">
          {i.computedUntilReason}
        </p>
      )}
      <DataTable
        caption={`Zinstabelle bis ${formatDate(i.computedUntil ?? i.asOf)}`}
        captionVisible
        testId="interest-table"
        rows={rows}
        rowKey={(s) => s.key}
        empty="Bis zu diesem Tag fallen keine Zinsen an."
        columns={[
          { header: 'von', cell: (s) => formatDate(s.from) },
          { header: 'bis', cell: (s) => formatDate(s.to) },
          { header: 'Tage', numeric: true, cell: (s) => formatInteger(s.days) },
          { header: 'Zinssatz p. a.', numeric: true, cell: (s) => formatPercent(s.ratePercent) },
          { header: 'verzinster Betrag', numeric: true, cell: (s) => <Money value={s.principal} /> },
          { header: 'Zinsen (ungerundet)', numeric: true, cell: (s) => formatExact(s.amount) },
        ]}
        footer={<FooterRow label="Zinsen gesamt, einmal gerundet" span={5} cells={[{ value: formatMoney(i.interest), numeric: true }]} />}
      />
      <DescriptionList
        items={[
          ['Offene Hauptforderung', <Money key="o" value={i.outstandingPrincipal} />],
          [`Zinsen bis ${formatDate(i.computedUntil ?? i.asOf)}`, <span key="i" data-testid="interest-total">{formatMoney(i.interest)}</span>],
          ['davon noch offen', <Money key="io" value={i.interestOutstanding} />],
          ['Insgesamt offen', <strong key="t">{formatMoney(total)}</strong>],
        ]}
      />
    </>
  );
}

const repaymentSchema = z.object({
  amount: germanAmount,
  receivedOn: isoDate('den Tag des Zahlungseingangs'),
  payer: z.string().trim().min(1, 'Bitte den Einzahler angeben.').max(200, 'Höchstens 200 Zeichen.'),
  paymentReference: z.string().trim().min(1, 'Bitte den Verwendungszweck angeben.').max(300, 'Höchstens 300 Zeichen.'),
});

function RecordRepayment({ r }: { r: Schemas['RecoveryDto'] }) {
  const queryClient = useQueryClient();
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<z.infer<typeof repaymentSchema>>({ resolver: zodResolver(repaymentSchema), defaultValues: { amount: '', receivedOn: todayIso(), payer: '', paymentReference: r.reference } });
  const record = useMutation({
    mutationFn: (v: z.infer<typeof repaymentSchema>) =>
      call(
        api.POST('/api/v1/recoveries/{id}/repayments', {
          params: { path: { id: r.id } },
          body: { amount: germanToApi(v.amount) ?? v.amount, receivedOn: v.receivedOn, payer: v.payer.trim(), paymentReference: v.paymentReference.trim() },
        }),
      ),
    onSuccess: () => {
      for (const key of [['recovery', r.id], ['recovery-interest', r.id], ['recovery-repayments', r.id], ['recoveries']]) void queryClient.invalidateQueries({ queryKey: key });
      form.reset({ amount: '', receivedOn: todayIso(), payer: '', paymentReference: r.reference });
    },
    onError: (err) => setShown(applyProblem(form, err)),
  });
  return (
    <form className="ff-form ff-form--narrow ff-subform" noValidate onSubmit={form.handleSubmit((v) => record.mutate(v))} aria-label="Zahlungseingang erfassen">
      <h3 className="kern-heading-small">Zahlungseingang erfassen</h3>
      {record.isSuccess ? <Alert type="success" title="Zahlungseingang gebucht" live /> : null}
      <ProblemAlert error={record.error} shown={shown} title="Nicht gebucht" />
      <div className="ff-grid">
        <TextField form={form} name="amount" label="Betrag in €" inputMode="decimal" />
        <TextField form={form} name="receivedOn" label="Eingang am" type="date" />
        <TextField form={form} name="payer" label="Einzahler" />
        <TextField form={form} name="paymentReference" label="Verwendungszweck" />
      </div>
      <div className="ff-actions">
        <Button type="submit" busy={record.isPending}>
          Zahlungseingang buchen
        </Button>
      </div>
    </form>
  );
}
