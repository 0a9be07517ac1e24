/**
 * A Prüfcheckliste as a form table: per point a result (offen, erfüllt, nicht erfüllt, entfällt)
 * and a Vermerk, with the German message of the schema or of the API's 409 next to the point it
 * names (`checklist.<CODE>` is mapped to the row by `checklistPath`). Used for the Prüfung of an
 * Antrag and the sachliche Prüfung of a Mittelabruf (issue 16: nothing goes to the second pair of
 * eyes with a point left open).
 */
import { useId, type ReactNode } from 'react';
import type { FieldValues, Path } from 'react-hook-form';
import { CHECK_RESULT } from '../lib/labels';
import { errorAt, type FormOf } from './form';
import { Badge, TableWrap } from './ui';

export interface ChecklistRow {
  code: string;
  result: 'OPEN' | 'OK' | 'NOT_OK' | 'NOT_APPLICABLE';
  note: string;
}

/** `checklist.FORMAL_SIGNED` (the API's path for a point) → `items.1.result` (the row of the form). */
export function checklistPath(codes: readonly string[], prefix = 'items'): (path: string) => string {
  return (path) => {
    const m = /^checklist\.([A-Z_]+)$/.exec(path);
    if (!m) return path;
    const i = codes.indexOf(m[1]!);
    return i < 0 ? path : `${prefix}.${i}.result`;
  };
}

export function ChecklistEditor<T extends FieldValues>({
  form,
  points,
  values,
  caption,
  extra,
}: {
  form: FormOf<T>;
  points: { value: string; label: string }[];
  /** The rows' current values (form.watch('items')), to mark the open ones. */
  values: readonly ChecklistRow[];
  caption: string;
  extra?: (code: string) => ReactNode;
}) {
  const id = useId();
  return (
    <TableWrap label={caption}>
      <table className="kern-table kern-table--small">
        <caption className="kern-title">{caption}</caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th className="kern-table__header" scope="col">Punkt</th>
            <th className="kern-table__header" scope="col">Ergebnis</th>
            <th className="kern-table__header" scope="col">Vermerk</th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {points.map(({ value: code, label: what }, i) => {
            const resultName = `items.${i}.result` as Path<T>;
            const noteName = `items.${i}.note` as Path<T>;
            const error = errorAt(form, resultName);
            const noteError = errorAt(form, noteName);
            const open = values[i]?.result === 'OPEN';
            return (
              <tr className="kern-table__row" key={code} data-testid={`checklist-row-${code}`}>
                <th className="kern-table__header" scope="row">
                  {what}
                  {open ? (
                    <>
                      {' '}
                      <Badge tone="warning">offen</Badge>
                    </>
                  ) : null}
                  {extra?.(code)}
                </th>
                <td className="kern-table__cell">
                  <div className={`kern-form-input ${error ? 'kern-form-input--error' : ''}`}>
                    <div className="kern-form-input__select-wrapper">
                      <select
                        className={`kern-form-input__select ${error ? 'kern-form-input__select--error' : ''}`}
                        aria-label={`Ergebnis: ${what}`}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={error ? `${id}-${i}-error` : undefined}
                        {...form.register(resultName)}
                      >
                        {Object.entries(CHECK_RESULT).map(([v, l]) => (
                          <option key={v} value={v}>
                            {l}
                          </option>
                        ))}
                      </select>
                    </div>
                    {error ? (
                      <p className="kern-error ff-cell-error" id={`${id}-${i}-error`} data-testid="field-error">
                        <span className="kern-body">{error}</span>
                      </p>
                    ) : null}
                  </div>
                </td>
                <td className="kern-table__cell">
                  <input
                    className={`kern-form-input__input ${noteError ? 'kern-form-input__input--error' : ''}`}
                    aria-label={`Vermerk: ${what}`}
                    aria-invalid={noteError ? true : undefined}
                    aria-describedby={noteError ? `${id}-${i}-note-error` : undefined}
                    {...form.register(noteName)}
                  />
                  {noteError ? (
                    <p className="kern-error ff-cell-error" id={`${id}-${i}-note-error`} data-testid="field-error">
                      <span className="kern-body">{noteError}</span>
                    </p>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** The open points of a checklist by label, for a line that says what is still missing. */
export function openPoints(points: { value: string; label: string }[], values: readonly ChecklistRow[]): string[] {
  return points.filter((_, i) => (values[i]?.result ?? 'OPEN') === 'OPEN').map((p) => p.label);
}
