/**
 * Auszahlungen: approved payouts go into a SEPA credit-transfer file (pain.001.001.09), which is
 * downloaded for the bank and booked as executed once the bank has carried it out.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { all, api, call, type Schemas } from '../../api/client';
import { mayAct, useCurrentUser } from '../../auth/auth';
import { ListFilters, LoadMore, useListQuery } from '../../components/lists';
import { DataTable, PlainInput, type Column } from '../../components/table';
import { useShowsDistrict, withDistrictColumn } from '../../components/district';
import { Alert, Badge, Button, DescriptionList, Money, PageTitle, ProblemAlert, QueryView, Section } from '../../components/ui';
import { fieldErrorMap } from '../../api/problem';
import { apiToCents } from '../../lib/decimal';
import { formatDate, formatDateTime, formatMoney, plural } from '../../lib/format';
import { DISBURSEMENT_STATUS, label, PAYMENT_FILE_STATUS, PAYMENT_FILE_TONE, tone } from '../../lib/labels';
import { downloadFile } from '../../lib/transfer';

type D = Schemas['DisbursementDto'];
type F = Schemas['PaymentFileDto'];

export function PayoutsPage() {
  const me = useCurrentUser();
  const mayStep = mayAct(me, 'ADMIN', 'STAFF');
  const showsDistrict = useShowsDistrict();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // Every approved payout not yet in a file: the choice for the next SEPA file (all of them, not a page).
  const approved = useQuery({
    queryKey: ['disbursements', 'APPROVED'],
    queryFn: () => all((cursor) => call(api.GET('/api/v1/disbursements', { params: { query: { status: ['APPROVED'], sort: ['requestedValueDate'], limit: 200, cursor } } }))),
  });
  const payouts = useListQuery({
    key: 'disbursements',
    filters: ['status', 'providerId', 'fieldOfAction', 'socialArea', 'budgetYear', 'dueAfter', 'dueBefore', 'districtId'],
    sortKeys: ['reference', 'providerName', 'status', 'requestedValueDate', 'amount', 'paidOn', 'createdAt'],
    defaultSort: '-createdAt',
    statuses: DISBURSEMENT_STATUS,
    dueLabel: 'Wertstellung',
    fetchPage: (query) => call(api.GET('/api/v1/disbursements', { params: { query } })),
  });
  const files = useListQuery({
    key: 'payment-files',
    prefix: 'datei.',
    filters: ['status', 'dueAfter', 'dueBefore'],
    sortKeys: ['reference', 'executionDate', 'controlSum', 'createdAt'],
    defaultSort: '-reference',
    statuses: PAYMENT_FILE_STATUS,
    dueLabel: 'Ausführung',
    fetchPage: (query) => call(api.GET('/api/v1/payment-files', { params: { query } })),
  });
  const [selected, setSelected] = useState<string[]>([]);
  const [executionDate, setExecutionDate] = useState('');
  const generate = useMutation({
    mutationFn: () => call(api.POST('/api/v1/payment-files', { body: { disbursementIds: selected, executionDate, batchBooking: true } })),
    onSuccess: (f) => {
      void queryClient.invalidateQueries({ queryKey: ['disbursements'] });
      void queryClient.invalidateQueries({ queryKey: ['payment-files'] });
      navigate(`/auszahlungen/dateien/${f.id}`, { state: { flash: 'generated' } });
    },
  });
  const errors = fieldErrorMap(generate.error);
  const items = approved.data ?? [];
  const sum = items.filter((d) => selected.includes(d.id)).reduce((s, d) => s + (apiToCents(d.amount) ?? 0n), 0n);
  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  const payoutColumns: Column<D>[] = withDistrictColumn<D>([
    { header: 'Mittelabruf', sortKey: 'reference', cell: (d) => <Link className="kern-link" to={`/mittelabrufe/${d.paymentRequestId}`}>{d.paymentRequestReference}</Link> },
    { header: 'Träger', sortKey: 'providerName', cell: (d) => d.providerName ?? '–' },
    { header: 'Status', sortKey: 'status', cell: (d) => label(DISBURSEMENT_STATUS, d.status) },
    { header: 'Wertstellung', sortKey: 'requestedValueDate', cell: (d) => formatDate(d.requestedValueDate) },
    { header: 'Betrag', sortKey: 'amount', numeric: true, cell: (d) => <Money value={d.amount} /> },
    { header: 'ausgezahlt am', sortKey: 'paidOn', cell: (d) => formatDate(d.paidOn) },
  ], showsDistrict);
  const fileColumns: Column<F>[] = [
    { header: 'Datei', sortKey: 'reference', cell: (f) => <Link className="kern-link" to={`/auszahlungen/dateien/${f.id}`}>{f.messageId}</Link> },
    { header: 'Status', cell: (f) => <Badge tone={tone(PAYMENT_FILE_TONE, f.status)}>{label(PAYMENT_FILE_STATUS, f.status)}</Badge> },
    { header: 'Ausführung', sortKey: 'executionDate', cell: (f) => formatDate(f.executionDate) },
    { header: 'Buchungen', numeric: true, cell: (f) => f.numberOfTransactions },
    { header: 'Kontrollsumme', sortKey: 'controlSum', numeric: true, cell: (f) => <Money value={f.controlSum} /> },
    { header: 'Erzeugt', sortKey: 'createdAt', cell: (f) => formatDateTime(f.createdAt) },
    { header: 'Gebucht am', cell: (f) => formatDate(f.bookedOn) },
  ];
  return (
    <>
      <PageTitle subtitle="Freigegebene Auszahlungen als SEPA-Zahlungsdatei an die Bank">Auszahlungen</PageTitle>
      <Section title="Freigegeben, noch in keiner Zahlungsdatei">
        <QueryView query={approved}>
          {(rows) => (
            <>
              <DataTable
                caption="Freigegebene Auszahlungen"
                testId="approved-disbursements"
                rows={rows}
                rowKey={(d) => d.id}
                empty="Keine freigegebenen Auszahlungen offen."
                columns={[
                  ...(mayStep
                    ? [
                        {
                          header: <span className="kern-sr-only">Auswahl</span>,
                          cell: (d: D) => (
                            <div className="kern-form-check">
                              <input className="kern-form-check__checkbox" type="checkbox" id={`sel-${d.id}`} checked={selected.includes(d.id)} onChange={() => toggle(d.id)} />
                              <label className="kern-label" htmlFor={`sel-${d.id}`}>
                                <span className="kern-sr-only">{d.paymentRequestReference} auswählen</span>
                              </label>
                            </div>
                          ),
                        },
                      ]
                    : []),
                  { header: 'Mittelabruf', cell: (d) => <Link className="kern-link" to={`/mittelabrufe/${d.paymentRequestId}`}>{d.paymentRequestReference}</Link> },
                  { header: 'Empfänger', cell: (d) => d.accountHolder },
                  { header: 'IBAN', cell: (d) => <span className="ff-mono">{d.iban}</span> },
                  { header: 'Wertstellung', cell: (d) => formatDate(d.requestedValueDate) },
                  { header: 'Betrag', numeric: true, cell: (d) => <Money value={d.amount} /> },
                  { header: 'davon Land', numeric: true, cell: (d) => <Money value={d.stateShare} /> },
                  { header: 'davon Kreis', numeric: true, cell: (d) => <Money value={d.districtShare} /> },
                ]}
              />
              {mayStep && rows.length > 0 ? (
                <div className="ff-form ff-form--narrow">
                  <ProblemAlert error={generate.error} shown={['executionDate']} title="Keine Zahlungsdatei erzeugt" />
                  <PlainInput label="Ausführungsdatum" type="date" value={executionDate} onChange={setExecutionDate} error={errors.executionDate} />
                  <p className="kern-body" aria-live="polite">
                    {plural(selected.length, 'Auszahlung', 'Auszahlungen')} ausgewählt, zusammen {formatMoney(sum)}.
                  </p>
                  <div className="ff-actions">
                    <Button variant="secondary" onClick={() => setSelected(rows.map((d) => d.id))}>
                      Alle auswählen
                    </Button>
                    <Button busy={generate.isPending} disabled={selected.length === 0 || !executionDate} onClick={() => generate.mutate()}>
                      Zahlungsdatei erzeugen
                    </Button>
                  </div>
                </div>
              ) : null}
            </>
          )}
        </QueryView>
      </Section>
      <Section title="Alle Auszahlungen">
        <ListFilters list={payouts} />
        <QueryView query={payouts.query}>
          {(rows) => <DataTable caption="Alle Auszahlungen" testId="disbursements" rows={rows} rowKey={(d) => d.id} columns={payoutColumns} sort={payouts.sort} empty="Keine Auszahlungen gefunden." />}
        </QueryView>
        <LoadMore list={payouts} one="Auszahlung" many="Auszahlungen" />
      </Section>
      <Section title="Zahlungsdateien">
        <ListFilters list={files} />
        <QueryView query={files.query}>
          {(rows) => <DataTable caption="Zahlungsdateien" testId="payment-files" rows={rows} rowKey={(f) => f.id} empty="Noch keine Zahlungsdatei." columns={fileColumns} sort={files.sort} />}
        </QueryView>
        <LoadMore list={files} one="Zahlungsdatei" many="Zahlungsdateien" />
      </Section>
    </>
  );
}

export function PaymentFilePage() {
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: ['payment-file', id], queryFn: () => call(api.GET('/api/v1/payment-files/{id}', { params: { path: { id } } })) });
  return <QueryView query={query} what="Die Zahlungsdatei">{(f) => <PaymentFileView f={f} />}</QueryView>;
}

function PaymentFileView({ f }: { f: Schemas['PaymentFileDto'] }) {
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const [bookedOn, setBookedOn] = useState(f.executionDate);
  const download = useMutation({ mutationFn: () => downloadFile(`/api/v1/payment-files/${f.id}/xml`, `Zahlungsdatei_${f.messageId}.xml`) });
  // The Kreiskasse's Auszahlungsanordnung of this file (Haushaltsstelle, sachlich und rechnerisch richtig), as PDF or CSV.
  const order = useMutation({
    mutationFn: (format: 'pdf' | 'csv') => downloadFile(`/api/v1/payment-files/${f.id}/payment-order.${format}`, `Auszahlungsanordnung_${f.messageId}.${format}`),
  });
  const book = useMutation({
    mutationFn: () => call(api.POST('/api/v1/payment-files/{id}/book', { params: { path: { id: f.id } }, body: { bookedOn } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['payment-file', f.id] });
      void queryClient.invalidateQueries({ queryKey: ['payment-files'] });
      void queryClient.invalidateQueries({ queryKey: ['payment-requests'] });
    },
  });
  const errors = fieldErrorMap(book.error);
  return (
    <>
      <PageTitle subtitle={`SEPA-Überweisungen ${f.painVersion}`}>{`Zahlungsdatei ${f.messageId}`}</PageTitle>
      {book.isSuccess ? <Alert type="success" title="Ausführung gebucht" live><p className="kern-body">Alle Auszahlungen der Datei gelten als gezahlt.</p></Alert> : null}
      <div className="ff-actions">
        <span>Status:</span>
        <Badge tone={tone(PAYMENT_FILE_TONE, f.status)}>{label(PAYMENT_FILE_STATUS, f.status)}</Badge>
        <Button variant="secondary" busy={download.isPending} onClick={() => download.mutate()}>
          XML herunterladen
        </Button>
        <Button variant="secondary" busy={order.isPending && order.variables === 'pdf'} onClick={() => order.mutate('pdf')}>
          Auszahlungsanordnung (PDF)
        </Button>
        <Button variant="secondary" busy={order.isPending && order.variables === 'csv'} onClick={() => order.mutate('csv')}>
          Auszahlungsanordnung (CSV)
        </Button>
        <Link className="kern-link" to="/auszahlungen">
          Zu den Auszahlungen
        </Link>
      </div>
      <ProblemAlert error={download.error ?? order.error} title="Herunterladen fehlgeschlagen" />
      <DescriptionList
        items={[
          ['Ausführungsdatum', formatDate(f.executionDate)],
          ['Buchungen', String(f.numberOfTransactions)],
          ['Kontrollsumme', <Money key="c" value={f.controlSum} />],
          ['Erzeugt', formatDateTime(f.createdAt)],
          ['Gebucht am', formatDate(f.bookedOn)],
          ['SHA-256', <span key="h" className="ff-mono">{f.sha256}</span>],
        ]}
      />
      {f.warnings.length > 0 ? (
        <Alert type="warning" title="Hinweise zur Datei">
          <ul className="kern-list">
            {f.warnings.map((w, i) => (
              <li key={i}>{w.message}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <Section title="Enthaltene Auszahlungen">
        <DataTable
          caption="Enthaltene Auszahlungen"
          rows={f.disbursements ?? []}
          rowKey={(d) => d.id}
          columns={[
            { header: 'Mittelabruf', cell: (d) => <Link className="kern-link" to={`/mittelabrufe/${d.paymentRequestId}`}>{d.paymentRequestReference}</Link> },
            { header: 'Empfänger', cell: (d) => d.accountHolder },
            { header: 'IBAN', cell: (d) => <span className="ff-mono">{d.iban}</span> },
            { header: 'Status', cell: (d) => label(DISBURSEMENT_STATUS, d.status) },
            { header: 'Betrag', numeric: true, cell: (d) => <Money value={d.amount} /> },
          ]}
        />
      </Section>
      {mayAct(me, 'ADMIN', 'STAFF') && f.status === 'CREATED' ? (
        <Section title="Ausführung durch die Bank buchen">
          <div className="ff-form ff-form--narrow">
            <ProblemAlert error={book.error} shown={['bookedOn']} title="Nicht gebucht" />
            <PlainInput label="Tag der Ausführung (Wertstellung)" type="date" value={bookedOn} onChange={setBookedOn} error={errors.bookedOn} />
            <div className="ff-actions">
              <Button busy={book.isPending} onClick={() => book.mutate()}>
                Als ausgeführt buchen
              </Button>
            </div>
          </div>
        </Section>
      ) : null}
    </>
  );
}
