/**
 * Tables and small filter controls in KERN's markup, so list pages stay short: a caption (visible
 * or for screen readers only), header cells with scope, numeric columns right-aligned with
 * tabular figures, and the table in a focusable region that scrolls sideways on small screens.
 */
import { useId, type ReactNode } from 'react';
import { Empty, TableWrap } from './ui';

export interface Column<T> {
  header: ReactNode;
  /** The API's sort key for this column; with the table's `sort` the header becomes a button. */
  sortKey?: string;
  cell: (row: T, index: number) => ReactNode;
  numeric?: boolean;
  /** The cell names the row (th scope="row"). */
  rowHeader?: boolean;
  className?: string;
}

/** Sorting by column on the server (`useListQuery`): the current direction of a key, and a click on it. */
export interface SortControl {
  direction: (key: string) => 'ascending' | 'descending' | 'none';
  toggle: (key: string) => void;
}

/**
 * A header cell that sorts: the button inside th (so keyboards reach it), aria-sort on the sorted
 * column, the direction as an arrow for the eye and in words for screen readers.
 */
function SortableHeader({ children, sortKey, sort, numeric }: { children: ReactNode; sortKey: string; sort: SortControl; numeric?: boolean }) {
  const dir = sort.direction(sortKey);
  return (
    <th className={`kern-table__header ${numeric ? 'kern-table__header--numeric' : ''}`} scope="col" aria-sort={dir === 'none' ? undefined : dir}>
      <button type="button" className="ff-sort" onClick={() => sort.toggle(sortKey)} data-sort-key={sortKey}>
        <span>{children}</span>
        <span className="ff-sort__icon" aria-hidden="true">
          {dir === 'ascending' ? '▲' : dir === 'descending' ? '▼' : '▲▼'}
        </span>
        <span className="kern-sr-only">{dir === 'ascending' ? ' (aufsteigend sortiert)' : dir === 'descending' ? ' (absteigend sortiert)' : ' (sortieren)'}</span>
      </button>
    </th>
  );
}

export function DataTable<T>({
  caption,
  captionVisible,
  rows,
  columns,
  rowKey,
  testId,
  empty = 'Keine Einträge.',
  footer,
  rowClassName,
  sort,
}: {
  caption: string;
  captionVisible?: boolean;
  rows: readonly T[];
  columns: Column<T>[];
  rowKey: (row: T, index: number) => string;
  testId?: string;
  empty?: ReactNode;
  footer?: ReactNode;
  rowClassName?: (row: T) => string | undefined;
  sort?: SortControl;
}) {
  if (rows.length === 0) return <Empty>{empty}</Empty>;
  return (
    <TableWrap label={caption}>
      <table className="kern-table kern-table--small" data-testid={testId}>
        <caption className={captionVisible ? 'kern-title ff-caption' : 'kern-sr-only'}>{caption}</caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            {columns.map((c, i) =>
              sort && c.sortKey ? (
                <SortableHeader key={i} sortKey={c.sortKey} sort={sort} numeric={c.numeric}>
                  {c.header}
                </SortableHeader>
              ) : (
                <th key={i} className={`kern-table__header ${c.numeric ? 'kern-table__header--numeric' : ''}`} scope="col">
                  {c.header}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {rows.map((row, r) => (
            <tr className={`kern-table__row ${rowClassName?.(row) ?? ''}`} key={rowKey(row, r)}>
              {columns.map((c, i) =>
                c.rowHeader ? (
                  <th key={i} scope="row" className={`kern-table__header ff-row-header ${c.className ?? ''}`}>
                    {c.cell(row, r)}
                  </th>
                ) : (
                  <td key={i} className={`kern-table__cell ${c.numeric ? 'kern-table__cell--numeric' : ''} ${c.className ?? ''}`}>
                    {c.cell(row, r)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
        {footer ? <tfoot className="kern-table__footer">{footer}</tfoot> : null}
      </table>
    </TableWrap>
  );
}

/** A footer row: label cell spanning `span` columns, then the given cells. */
export function FooterRow({ label, span = 1, cells }: { label: ReactNode; span?: number; cells: { value: ReactNode; numeric?: boolean }[] }) {
  return (
    <tr className="kern-table__row">
      <th scope="row" colSpan={span} className="kern-table__header">
        {label}
      </th>
      {cells.map((c, i) => (
        <td key={i} className={`kern-table__cell ${c.numeric ? 'kern-table__cell--numeric' : ''}`}>
          <strong>{c.value}</strong>
        </td>
      ))}
    </tr>
  );
}

/** A labelled select outside a form (filters). */
export function FilterSelect<V extends string = string>({
  label,
  value,
  onChange,
  options,
  all = 'alle',
  error,
  hint,
}: {
  label: string;
  value: V | '';
  /** The chosen option's value, '' for "alle". */
  onChange: (v: V | '') => void;
  options: { value: V; label: string }[];
  all?: string | null;
  error?: string;
  hint?: string;
}) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`kern-form-input ${error ? 'kern-form-input--error' : ''}`}>
      <label className="kern-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div className="kern-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <p className="kern-error" id={`${id}-error`} data-testid="field-error">
          <span className="kern-icon kern-icon--danger kern-icon--md" aria-hidden="true" />
          <span className="kern-body">{error}</span>
        </p>
      ) : null}
      <div className="kern-form-input__select-wrapper">
        <select
          id={id}
          className={`kern-form-input__select ${error ? 'kern-form-input__select--error' : ''}`}
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => onChange(options.find((o) => o.value === e.target.value)?.value ?? '')}
        >
          {all !== null ? <option value="">{all}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

/** A labelled input outside react-hook-form (filters, a single date). */
export function PlainInput({
  label,
  value,
  onChange,
  type = 'text',
  hint,
  error,
  inputMode,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  type?: string;
  hint?: string;
  error?: string;
  inputMode?: 'decimal' | 'numeric' | 'text';
}) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`kern-form-input ${error ? 'kern-form-input--error' : ''}`}>
      <label className="kern-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div className="kern-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <p className="kern-error" id={`${id}-error`} data-testid="field-error">
          <span className="kern-icon kern-icon--danger kern-icon--md" aria-hidden="true" />
          <span className="kern-body">{error}</span>
        </p>
      ) : null}
      <input
        id={id}
        className={`kern-form-input__input ${error ? 'kern-form-input__input--error' : ''}`}
        type={type}
        value={value}
        inputMode={inputMode}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

/** A determinate progress bar (KERN) with its label and the percentage as text. */
export function ProgressBar({ label, value, testId }: { label: string; value: number; testId?: string }) {
  const id = useId();
  const pct = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div className="kern-progress ff-progress" data-testid={testId}>
      <label className="kern-label" htmlFor={id}>
        {label}: {pct} %
      </label>
      <progress id={id} max={100} value={pct}>
        {pct} %
      </progress>
    </div>
  );
}
