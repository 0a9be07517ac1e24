/** Read-only parts of a Verwendungsnachweis, shared by the Träger's and the Kreis's pages. */
import { useQuery } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';
import { nameOf, useCostCategories, useDecision, useFieldsOfAction } from '../../api/queries';
import { DataTable, FooterRow } from '../../components/table';
import { Alert, DescriptionList, Money, QueryView } from '../../components/ui';
import { apiToCents } from '../../lib/decimal';
import { formatDate, formatInteger, formatMoney, plural } from '../../lib/format';
import { FINDING, INCOME_CATEGORY, label, RECEIPT_DIRECTION, RECEIPT_REVIEW, SAMPLE_REASON } from '../../lib/labels';

/** Deviation actual − plan in cents and in tenths of a percent of the plan (null when the plan is 0). */
export function deviation(planned: string | undefined, actual: string): { cents: bigint; tenths: bigint | null } {
  const p = apiToCents(planned ?? '0') ?? 0n;
  const a = apiToCents(actual) ?? 0n;
  const cents = a - p;
  return { cents, tenths: p === 0n ? null : (cents * 1000n) / p };
}

export function formatTenths(tenths: bigint | null): string {
  if (tenths === null) return '–';
  const sign = tenths < 0n ? '−' : tenths > 0n ? '+' : '';
  const abs = tenths < 0n ? -tenths : tenths;
  return `${sign}${(abs / 10n).toString()},${(abs % 10n).toString()}\u00a0%`;
}

export function FiguresTable({ figures }: { figures: Schemas['FiguresViewDto'] }) {
  const costCategories = useCostCategories();
  const plannedTotal = figures.costLines.reduce((s, l) => s + (apiToCents(l.planned ?? '0') ?? 0n), 0n);
  const actualTotal = figures.costLines.reduce((s, l) => s + (apiToCents(l.actual) ?? 0n), 0n);
  return (
    <>
      <DataTable
        caption="Zahlenmäßiger Nachweis"
        testId="figures"
        rows={figures.costLines}
        rowKey={(_, i) => String(i)}
        columns={[
          { header: 'Kostenart', rowHeader: true, cell: (l) => nameOf(costCategories.data, l.category) },
          { header: 'Beschreibung', cell: (l) => l.description },
          { header: 'Plan', numeric: true, cell: (l) => <Money value={l.planned} /> },
          {
            header: 'Ist',
            numeric: true,
            cell: (l) => (
              <>
                <Money value={l.actual} />
                {l.overrideReason ? (
                  <span className="ff-muted">
                    {' '}
                    (geändert{l.fromReceipts ? `, Belege ${formatMoney(l.fromReceipts)}` : ''}: {l.overrideReason})
                  </span>
                ) : null}
              </>
            ),
          },
          { header: 'Abweichung', numeric: true, cell: (l) => formatMoney(deviation(l.planned, l.actual).cents) },
          { header: 'in %', numeric: true, cell: (l) => formatTenths(deviation(l.planned, l.actual).tenths) },
        ]}
        footer={
          <FooterRow
            label="Summe Ausgaben"
            span={2}
            cells={[
              { value: formatMoney(plannedTotal), numeric: true },
              { value: formatMoney(actualTotal), numeric: true },
              { value: formatMoney(actualTotal - plannedTotal), numeric: true },
              { value: formatTenths(plannedTotal === 0n ? null : ((actualTotal - plannedTotal) * 1000n) / plannedTotal), numeric: true },
            ]}
          />
        }
      />
      <DescriptionList
        items={[
          ['Eigenmittel (Ist)', <Money key="o" value={figures.ownFunds} />],
          ['Drittmittel (Ist)', <Money key="t" value={figures.thirdPartyFunds} />],
        ]}
      />
    </>
  );
}

export function NarrativeView({ narrative }: { narrative: Schemas['NarrativeViewDto'] }) {
  const fields = useFieldsOfAction();
  return (
    <>
      <DescriptionList
        items={[
          ['Durchgeführte Maßnahme', narrative.measure || '–'],
          ['Erreichte Ziele', narrative.goalsAchieved || '–'],
          ['Erreichte Zielgruppe', narrative.targetGroupReached || '–'],
          ['Abweichungen vom Plan', narrative.deviations || '–'],
        ]}
      />
      <DataTable
        caption="Kennzahlen (nur zusammengefasst, ohne personenbezogene Daten)"
        captionVisible
        rows={narrative.indicators}
        rowKey={(_, i) => String(i)}
        empty="Keine Kennzahlen angegeben."
        columns={[
          { header: 'Handlungsfeld', cell: (k) => nameOf(fields.data, k.fieldOfAction) },
          // The name as it read when reported; a later rename does not rewrite the report.
          { header: 'Kennzahl', rowHeader: true, cell: (k) => k.label },
          { header: 'Wert', numeric: true, cell: (k) => formatInteger(k.value) },
          { header: 'Einheit', cell: (k) => k.unit ?? '–' },
        ]}
      />
    </>
  );
}

export function categoryName(code: string, costCategories: { code: string; name: string }[] | undefined): string {
  return INCOME_CATEGORY[code] ?? nameOf(costCategories, code);
}

/** Columns of the Belegliste; with `review` also the sample and the check of each Beleg. */
export function receiptColumns(costCategories: { code: string; name: string }[] | undefined, review: boolean) {
  type R = Schemas['ReceiptDto'];
  return [
    { header: 'Lfd. Nr.', numeric: true, cell: (r: R) => r.position },
    { header: 'Beleg-Nr.', cell: (r: R) => r.receiptNumber },
    { header: 'Belegdatum', cell: (r: R) => formatDate(r.receiptDate) },
    { header: 'Zahlung', cell: (r: R) => formatDate(r.paymentDate) },
    { header: 'Empfänger/Einzahler', cell: (r: R) => r.counterparty },
    { header: 'Grund', cell: (r: R) => r.reason },
    { header: 'Art', cell: (r: R) => label(RECEIPT_DIRECTION, r.direction) },
    { header: 'Kostenart', cell: (r: R) => categoryName(r.costCategory, costCategories) + (r.personnelPosition ? ` (${r.personnelPosition})` : '') },
    { header: 'Brutto', numeric: true, cell: (r: R) => <Money value={r.grossAmount} /> },
    { header: 'zuwendungsfähig', numeric: true, cell: (r: R) => <Money value={r.eligibleAmount} /> },
    ...(review
      ? [
          { header: 'Stichprobe', cell: (r: R) => (r.inSample ? label(SAMPLE_REASON, r.sampleReason) : '–') },
          { header: 'Prüfung', cell: (r: R) => label(RECEIPT_REVIEW, r.reviewStatus) + (r.reviewNote ? `: ${r.reviewNote}` : '') },
          { header: 'anerkannt', numeric: true, cell: (r: R) => <Money value={r.recognisedAmount} /> },
        ]
      : []),
  ];
}

/** What the Träger should look at before submitting (GET /:id/findings); none of it blocks. */
export function Findings({ proofId, version }: { proofId: string; version?: number }) {
  const findings = useQuery({ queryKey: ['findings', proofId, version], queryFn: () => call(api.GET('/api/v1/proofs-of-use/{id}/findings', { params: { path: { id: proofId } } })) });
  return (
    <QueryView query={findings}>
      {(items) =>
        items.length === 0 ? (
          <Alert type="success" title="Keine Auffälligkeiten" />
        ) : (
          <Alert type="warning" title={plural(items.length, 'Hinweis', 'Hinweise')}>
            <ul className="kern-list" data-testid="findings">
              {items.map((f, i) => (
                <li key={i}>
                  <strong>{label(FINDING, f.code)}:</strong> {f.message}
                </li>
              ))}
            </ul>
          </Alert>
        )
      }
    </QueryView>
  );
}

/** Provider and decision reference of a proof (the single-proof answer of the API leaves them out). */
export function useProofNames(p: Schemas['ProofDto']): { reference: string; providerName: string } {
  const decision = useDecision(p.decisionReference && p.providerName ? null : p.decisionId);
  return { reference: p.decisionReference ?? decision.data?.reference ?? '', providerName: p.providerName ?? decision.data?.providerName ?? '' };
}
