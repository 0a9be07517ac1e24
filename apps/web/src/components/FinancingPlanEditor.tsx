/**
 * Kosten- und Finanzierungsplan as an editable table. The balance Σ Kosten − Σ Finanzierung is
 * computed live in integer cents (no floats) and announced politely; the application can be
 * submitted only when it is 0,00 € (DOMAIN §2: Σ Ausgaben = Σ Finanzierung).
 */
import { useFieldArray, useWatch, type Path, type UseFormReturn } from 'react-hook-form';
import { sumGerman } from '../lib/decimal';
import { formatMoney } from '../lib/format';
import { FUNDING_KIND } from '../lib/labels';
import { emptyCostLine, emptyFundingLine, emptyPosition, type ApplicationForm, type PlanForm } from '../lib/schemas';
import { errorAt } from './form';
import { TableWrap } from './ui';

export interface PlanTotals {
  costs: bigint;
  funding: bigint;
  balance: bigint;
  requested: bigint;
}

export function planTotals(plan: PlanForm | undefined): PlanTotals {
  const costs = sumGerman((plan?.costLines ?? []).map((l) => l.amount ?? ''));
  const funding = sumGerman((plan?.fundingLines ?? []).map((l) => l.amount ?? ''));
  const requested = sumGerman((plan?.fundingLines ?? []).filter((l) => l.kind === 'GRANT').map((l) => l.amount ?? ''));
  return { costs, funding, balance: costs - funding, requested };
}

export function BalanceNotice({ totals }: { totals: PlanTotals }) {
  const { balance } = totals;
  const ok = balance === 0n;
  return (
    <div className={`ff-balance ${ok ? 'ff-balance--ok' : 'ff-balance--off'}`} role="status" aria-live="polite" data-testid="plan-balance">
      <p className="kern-body kern-body--bold">
        Saldo (Σ Kosten − Σ Finanzierung): <span data-testid="plan-balance-amount">{formatMoney(balance)}</span>
      </p>
      <p className="kern-body">
        {ok
          ? 'Der Plan ist ausgeglichen.'
          : balance > 0n
            ? `Es fehlen ${formatMoney(balance)} Finanzierung. Einreichen ist erst bei einem Saldo von 0,00 € möglich.`
            : `Die Finanzierung übersteigt die Kosten um ${formatMoney(-balance)}. Einreichen ist erst bei einem Saldo von 0,00 € möglich.`}
      </p>
    </div>
  );
}

interface Props {
  form: UseFormReturn<ApplicationForm>;
  costCategories: { code: string; name: string }[];
  readOnly?: boolean;
}

export function FinancingPlanEditor({ form, costCategories, readOnly }: Props) {
  const { control, register } = form;
  const costs = useFieldArray({ control, name: 'financingPlan.costLines' });
  const funding = useFieldArray({ control, name: 'financingPlan.fundingLines' });
  const positions = useFieldArray({ control, name: 'financingPlan.personnelPositions' });
  const plan = useWatch({ control, name: 'financingPlan' });
  const totals = planTotals(plan);

  const cell = (name: Path<ApplicationForm>, label: string, opts: { numeric?: boolean; width?: string } = {}) => {
    const error = errorAt(form, name);
    const id = `f-${name.replace(/\./g, '-')}`;
    return (
      <td className={`kern-table__cell ${opts.numeric ? 'kern-table__cell--numeric' : ''}`}>
        <input
          id={id}
          className={`kern-form-input__input ff-cell-input ${error ? 'kern-form-input__input--error' : ''}`}
          aria-label={label}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          inputMode={opts.numeric ? 'decimal' : undefined}
          readOnly={readOnly}
          {...register(name)}
        />
        {error ? (
          <p className="kern-error ff-cell-error" id={`${id}-error`} data-testid="field-error">
            <span className="kern-body">{error}</span>
          </p>
        ) : null}
      </td>
    );
  };

  const selectCell = (name: Path<ApplicationForm>, label: string, options: { value: string; label: string }[]) => {
    const error = errorAt(form, name);
    const id = `f-${name.replace(/\./g, '-')}`;
    return (
      <td className="kern-table__cell">
        <div className="kern-form-input__select-wrapper">
          <select
            id={id}
            className={`kern-form-input__select ff-cell-input ${error ? 'kern-form-input__select--error' : ''}`}
            aria-label={label}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            disabled={readOnly}
            {...register(name)}
          >
            <option value="">Bitte wählen</option>
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        {error ? (
          <p className="kern-error ff-cell-error" id={`${id}-error`} data-testid="field-error">
            <span className="kern-body">{error}</span>
          </p>
        ) : null}
      </td>
    );
  };

  const removeCell = (label: string, onClick: () => void) =>
    readOnly ? null : (
      <td className="kern-table__cell kern-table__cell--action">
        <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={onClick} aria-label={label}>
          <span className="kern-icon kern-icon--delete" aria-hidden="true" />
          <span className="kern-label kern-sr-only">Entfernen</span>
        </button>
      </td>
    );

  /** An error the API gave for a whole list (e.g. personnel positions not matching the personnel costs). */
  const listError = (name: string) => {
    const error = errorAt(form, name);
    return error ? (
      <p className="kern-error" data-testid="field-error" role="alert">
        <span className="kern-icon kern-icon--danger kern-icon--md" aria-hidden="true" />
        <span className="kern-body">{error}</span>
      </p>
    ) : null;
  };

  const categoryOptions = costCategories.map((c) => ({ value: c.code, label: c.name }));
  const fundingOptions = Object.entries(FUNDING_KIND).map(([value, label]) => ({ value, label }));

  return (
    <div className="ff-plan">
      <TableWrap label="Kosten (Ausgaben)">
        <table className="kern-table kern-table--small ff-plan-table">
          <caption className="kern-title">Kosten (Ausgaben)</caption>
          <thead className="kern-table__head">
            <tr className="kern-table__row">
              <th className="kern-table__header" scope="col">Kostenart</th>
              <th className="kern-table__header" scope="col">Beschreibung</th>
              <th className="kern-table__header kern-table__header--numeric" scope="col">Betrag in €</th>
              {readOnly ? null : <th className="kern-table__header kern-table__header--action" scope="col"><span className="kern-sr-only">Aktion</span></th>}
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {costs.fields.map((f, i) => (
              <tr className="kern-table__row" key={f.id}>
                {selectCell(`financingPlan.costLines.${i}.category`, `Kostenart, Zeile ${i + 1}`, categoryOptions)}
                {cell(`financingPlan.costLines.${i}.description`, `Beschreibung der Kosten, Zeile ${i + 1}`)}
                {cell(`financingPlan.costLines.${i}.amount`, `Betrag der Kosten in Euro, Zeile ${i + 1}`, { numeric: true })}
                {removeCell(`Kostenzeile ${i + 1} entfernen`, () => costs.remove(i))}
              </tr>
            ))}
          </tbody>
          <tfoot className="kern-table__footer">
            <tr className="kern-table__row">
              <th className="kern-table__header" scope="row" colSpan={2}>Summe Kosten</th>
              <td className="kern-table__cell kern-table__cell--numeric" data-testid="plan-total-costs">{formatMoney(totals.costs)}</td>
              {readOnly ? null : <td className="kern-table__cell" />}
            </tr>
          </tfoot>
        </table>
      </TableWrap>
      {listError('financingPlan.costLines')}
      {readOnly ? null : (
        <button type="button" className="kern-btn kern-btn--secondary kern-btn--x-small" onClick={() => costs.append(emptyCostLine())}>
          <span className="kern-icon kern-icon--add" aria-hidden="true" />
          <span className="kern-label">Kostenzeile hinzufügen</span>
        </button>
      )}

      <TableWrap label="Finanzierung">
        <table className="kern-table kern-table--small ff-plan-table">
          <caption className="kern-title">Finanzierung</caption>
          <thead className="kern-table__head">
            <tr className="kern-table__row">
              <th className="kern-table__header" scope="col">Art</th>
              <th className="kern-table__header" scope="col">Herkunft</th>
              <th className="kern-table__header kern-table__header--numeric" scope="col">Betrag in €</th>
              {readOnly ? null : <th className="kern-table__header kern-table__header--action" scope="col"><span className="kern-sr-only">Aktion</span></th>}
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {funding.fields.map((f, i) => (
              <tr className="kern-table__row" key={f.id}>
                {selectCell(`financingPlan.fundingLines.${i}.kind`, `Art der Finanzierung, Zeile ${i + 1}`, fundingOptions)}
                {cell(`financingPlan.fundingLines.${i}.source`, `Herkunft der Mittel, Zeile ${i + 1}`)}
                {cell(`financingPlan.fundingLines.${i}.amount`, `Betrag der Finanzierung in Euro, Zeile ${i + 1}`, { numeric: true })}
                {removeCell(`Finanzierungszeile ${i + 1} entfernen`, () => funding.remove(i))}
              </tr>
            ))}
          </tbody>
          <tfoot className="kern-table__footer">
            <tr className="kern-table__row">
              <th className="kern-table__header" scope="row" colSpan={2}>Summe Finanzierung (davon beantragte Zuwendung {formatMoney(totals.requested)})</th>
              <td className="kern-table__cell kern-table__cell--numeric" data-testid="plan-total-funding">{formatMoney(totals.funding)}</td>
              {readOnly ? null : <td className="kern-table__cell" />}
            </tr>
          </tfoot>
        </table>
      </TableWrap>
      {listError('financingPlan.fundingLines')}
      {readOnly ? null : (
        <button type="button" className="kern-btn kern-btn--secondary kern-btn--x-small" onClick={() => funding.append(emptyFundingLine())}>
          <span className="kern-icon kern-icon--add" aria-hidden="true" />
          <span className="kern-label">Finanzierungszeile hinzufügen</span>
        </button>
      )}

      <BalanceNotice totals={totals} />

      <TableWrap label="Personalstellen">
        <table className="kern-table kern-table--small ff-plan-table">
          <caption className="kern-title">Personalstellen (Besserstellungsverbot: Vergleich mit TV-L)</caption>
          <thead className="kern-table__head">
            <tr className="kern-table__row">
              <th className="kern-table__header" scope="col">Stelle</th>
              <th className="kern-table__header" scope="col">Entgeltgruppe</th>
              <th className="kern-table__header kern-table__header--numeric" scope="col">AG-Brutto/Monat in €</th>
              <th className="kern-table__header kern-table__header--numeric" scope="col">TV-L-Vergleich/Monat in €</th>
              <th className="kern-table__header kern-table__header--numeric" scope="col">VZÄ</th>
              <th className="kern-table__header kern-table__header--numeric" scope="col">Monate</th>
              {readOnly ? null : <th className="kern-table__header kern-table__header--action" scope="col"><span className="kern-sr-only">Aktion</span></th>}
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {positions.fields.map((f, i) => (
              <tr className="kern-table__row" key={f.id}>
                {cell(`financingPlan.personnelPositions.${i}.label`, `Stelle, Zeile ${i + 1}`)}
                {cell(`financingPlan.personnelPositions.${i}.payGrade`, `Entgeltgruppe, Zeile ${i + 1}`)}
                {cell(`financingPlan.personnelPositions.${i}.monthlyEmployerGross`, `Arbeitgeberbrutto je Monat, Zeile ${i + 1}`, { numeric: true })}
                {cell(`financingPlan.personnelPositions.${i}.comparisonAmount`, `TV-L-Vergleichsbetrag je Monat, Zeile ${i + 1}`, { numeric: true })}
                {cell(`financingPlan.personnelPositions.${i}.fte`, `Vollzeitäquivalente, Zeile ${i + 1}`, { numeric: true })}
                {cell(`financingPlan.personnelPositions.${i}.months`, `Monate, Zeile ${i + 1}`, { numeric: true })}
                {removeCell(`Personalstelle ${i + 1} entfernen`, () => positions.remove(i))}
              </tr>
            ))}
            {positions.fields.length === 0 ? (
              <tr className="kern-table__row">
                <td className="kern-table__cell" colSpan={readOnly ? 6 : 7}>Keine Personalstellen angegeben.</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </TableWrap>
      {listError('financingPlan.personnelPositions')}
      {readOnly ? null : (
        <button type="button" className="kern-btn kern-btn--secondary kern-btn--x-small" onClick={() => positions.append(emptyPosition())}>
          <span className="kern-icon kern-icon--add" aria-hidden="true" />
          <span className="kern-label">Personalstelle hinzufügen</span>
        </button>
      )}
    </div>
  );
}
