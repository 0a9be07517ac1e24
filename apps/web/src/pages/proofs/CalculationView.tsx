/**
 * The final grant Z line by line (DOMAIN §3, §4): per Kostenart the plan, what was reported, the
 * cuts from the Belegprüfung and the Besserstellungsverbot, the cap (plan + tolerance or the
 * Zustimmung), what is recognised, and the flags; then A, Z, what was paid and R.
 */
import type { Schemas } from '../../api/client';
import { nameOf, useCostCategories } from '../../api/queries';
import { DataTable } from '../../components/table';
import { Alert, Badge, DescriptionList, Money } from '../../components/ui';
import { formatMoney, formatPercent } from '../../lib/format';

/**
 * The calculation as the API gives it: live (GET …/review/calculation, without a breakdown) or
 * frozen with a Festsetzung or Prüfvermerk (FinalGrantDocDto). Amounts are exact decimal strings.
 */
export type CalcDoc = Omit<Schemas['FinalGrantDocDto'], 'breakdown'> & { breakdown?: Schemas['FinalGrantBreakdownDto'] };

export function CalculationView({ calc, paid }: { calc: CalcDoc; paid?: string }) {
  const costCategories = useCostCategories();
  const adj = new Map(calc.adjustments.map((a) => [a.category, a]));
  return (
    <div className="ff-stack" data-testid="calculation">
      <DataTable
        caption="Abschließende Zuwendung je Kostenart"
        rows={calc.lines}
        rowKey={(l) => l.category}
        columns={[
          { header: 'Kostenart', rowHeader: true, cell: (l) => nameOf(costCategories.data, l.category) },
          { header: 'Plan', numeric: true, cell: (l) => <Money value={l.planned} /> },
          { header: 'gemeldet', numeric: true, cell: (l) => <Money value={adj.get(l.category)?.reported ?? l.actual} /> },
          { header: 'Kürzung Belege', numeric: true, cell: (l) => <Money value={adj.get(l.category)?.receiptReductions ?? '0.00'} /> },
          { header: 'Besserstellung', numeric: true, cell: (l) => <Money value={adj.get(l.category)?.personnelExcess ?? '0.00'} /> },
          { header: 'Ist (anerkennbar)', numeric: true, cell: (l) => <Money value={l.actual} /> },
          { header: 'Obergrenze', numeric: true, cell: (l) => <Money value={l.cap} /> },
          { header: 'anerkannt', numeric: true, cell: (l) => <Money value={l.recognised} /> },
          {
            header: 'Hinweise',
            cell: (l) =>
              l.flags.length === 0 ? (
                '–'
              ) : (
                <ul className="ff-flags">
                  {l.flags.map((f) => (
                    <li key={f.code}>
                      <Badge tone={f.code === 'OVERRUN_APPROVED' ? 'info' : 'warning'}>{f.message}</Badge>
                    </li>
                  ))}
                </ul>
              ),
          },
        ]}
      />
      <DescriptionList
        items={[
          ['Geplante Ausgaben', <Money key="p" value={calc.plannedCosts} />],
          ['Anerkannte zuwendungsfähige Ausgaben (A)', <Money key="a" value={calc.recognisedCosts} />],
          ['Abschließende Zuwendung (Z)', <strong key="z" data-testid="final-grant">{formatMoney(calc.finalGrant)}</strong>],
          ...(paid ? ([['Ausgezahlt', <Money key="paid" value={paid} />]] as [string, React.ReactNode][]) : []),
          ['Rückforderung (R)', <strong key="r" data-testid="recovery-amount">{formatMoney(calc.recovery)}</strong>],
          ...(calc.breakdown ? ([['Bagatellgrenze angewandt', calc.breakdown.deMinimisApplied ? 'ja' : 'nein']] as [string, string][]) : []),
          ['Toleranz je Ansatz / Bagatellgrenze', `${formatPercent(calc.parametersUsed.overrunTolerance)} / ${formatMoney(calc.parametersUsed.deMinimisAmount)}`],
        ]}
      />
      {calc.flags.length > 0 ? (
        <Alert type="warning" title="Hinweise zur Berechnung">
          <ul className="kern-list" data-testid="calculation-flags">
            {calc.flags.map((f) => (
              <li key={f.code}>{f.message}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
    </div>
  );
}
