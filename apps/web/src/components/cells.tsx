/**
 * Inputs inside editable tables (Mittelabruf, zahlenmäßiger Nachweis, Belegliste, Kennzahlen):
 * each with an accessible name ("Betrag, Zeile 2"), its error right below it (aria-invalid +
 * aria-describedby), whether from the Zod schema or from the API's `errors[]`.
 */
import type { ReactNode } from 'react';
import type { FieldValues, Path } from 'react-hook-form';
import { errorAt, type FormOf } from './form';

const idOf = (name: string) => `f-${name.replace(/\./g, '-')}`;

function CellError({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p className="kern-error ff-cell-error" id={`${id}-error`} data-testid="field-error">
      <span className="kern-body">{error}</span>
    </p>
  ) : null;
}

export function CellInput<T extends FieldValues>({
  form,
  name,
  label,
  numeric,
  type = 'text',
  readOnly,
}: {
  form: FormOf<T>;
  name: Path<T>;
  label: string;
  numeric?: boolean;
  type?: string;
  readOnly?: boolean;
}) {
  const error = errorAt(form, name);
  const id = idOf(name);
  return (
    <td className={`kern-table__cell ${numeric ? 'kern-table__cell--numeric' : ''}`}>
      <input
        id={id}
        type={type}
        className={`kern-form-input__input ff-cell-input ${error ? 'kern-form-input__input--error' : ''}`}
        aria-label={label}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        inputMode={numeric ? 'decimal' : undefined}
        readOnly={readOnly}
        {...form.register(name)}
      />
      <CellError id={id} error={error} />
    </td>
  );
}

export function CellSelect<T extends FieldValues>({
  form,
  name,
  label,
  options,
  placeholder = 'Bitte wählen',
}: {
  form: FormOf<T>;
  name: Path<T>;
  label: string;
  options: { value: string; label: string }[];
  placeholder?: string | null;
}) {
  const error = errorAt(form, name);
  const id = idOf(name);
  return (
    <td className="kern-table__cell">
      <div className="kern-form-input__select-wrapper">
        <select
          id={id}
          className={`kern-form-input__select ff-cell-input ${error ? 'kern-form-input__select--error' : ''}`}
          aria-label={label}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          {...form.register(name)}
        >
          {placeholder !== null ? <option value="">{placeholder}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <CellError id={id} error={error} />
    </td>
  );
}

export function RemoveCell({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <td className="kern-table__cell kern-table__cell--action">
      <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={onClick} aria-label={label}>
        <span className="kern-icon kern-icon--delete" aria-hidden="true" />
        <span className="kern-label kern-sr-only">Entfernen</span>
      </button>
    </td>
  );
}

/** An error the API or the schema gave for a whole list (e.g. "duePayments"). */
export function ListError<T extends FieldValues>({ form, name }: { form: FormOf<T>; name: Path<T> }): ReactNode {
  const error = errorAt(form, name);
  return error ? (
    <p className="kern-error" data-testid="field-error" role="alert">
      <span className="kern-icon kern-icon--danger kern-icon--md" aria-hidden="true" />
      <span className="kern-body">{error}</span>
    </p>
  ) : null;
}

export function HeaderRow({ headers }: { headers: { label: ReactNode; numeric?: boolean }[] }) {
  return (
    <tr className="kern-table__row">
      {headers.map((h, i) => (
        <th key={i} className={`kern-table__header ${h.numeric ? 'kern-table__header--numeric' : ''}`} scope="col">
          {h.label}
        </th>
      ))}
    </tr>
  );
}
