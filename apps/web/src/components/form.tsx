/**
 * Form fields in KERN's markup on react-hook-form: label, hint, the German error next to the
 * field (aria-invalid + aria-describedby), whether the error came from the Zod schema that mirrors
 * the API's DTO or from the API's problem+json `errors[]`.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import type { FieldValues, FormState, Path, UseFormRegister, UseFormReturn } from 'react-hook-form';
import { ApiError, normalisePath } from '../api/problem';
import { plural } from '../lib/format';
import { fieldLabel } from '../lib/labels';

/**
 * The part of a react-hook-form form (`useForm<T>()`) a field needs; the components are generic over
 * the form's values T, so a field's `name` must be a path of T (`Path<T>`, e.g. `items.${number}.note`).
 */
export interface FormOf<T extends FieldValues> {
  register: UseFormRegister<T>;
  formState: FormState<T>;
}

export function errorAt(form: { formState: { errors: object } }, name: string): string | undefined {
  let cur: unknown = form.formState.errors;
  for (const key of name.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  if (!cur || typeof cur !== 'object') return undefined;
  // Errors set on a field array (e.g. by the API for "financingPlan.personnelPositions") sit at .root.
  const message = (cur as { message?: unknown }).message ?? (cur as { root?: { message?: unknown } }).root?.message;
  return typeof message === 'string' ? message : undefined;
}

/**
 * Puts the API's field errors on the form's fields. Returns the normalised paths it could place
 * (fields the form knows), so ProblemAlert lists only the others.
 */
export function applyProblem<T extends FieldValues>(form: UseFormReturn<T>, error: unknown, map: (path: string) => string = (p) => p): string[] {
  if (!(error instanceof ApiError)) return [];
  const placed: string[] = [];
  const values = form.getValues() as Record<string, unknown>;
  for (const e of error.fieldErrors) {
    const path = normalisePath(e.path);
    const target = map(path);
    if (hasPath(values, target)) {
      form.setError(target as Path<T>, { type: 'server', message: e.message }, { shouldFocus: placed.length === 0 });
      placed.push(path);
    }
  }
  return placed;
}

function hasPath(obj: unknown, path: string): boolean {
  let cur: unknown = obj;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || !(key in (cur as object))) return false;
    cur = (cur as Record<string, unknown>)[key];
  }
  return true;
}

interface FieldShellProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  optional?: boolean;
  children: (aria: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode;
  className?: string;
}

export function FieldShell({ id, label, hint, error, optional, children, className }: FieldShellProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`kern-form-input ${error ? 'kern-form-input--error' : ''} ${className ?? ''}`}>
      <label className="kern-label" htmlFor={id}>
        {label}
        {optional ? <span className="kern-label__optional"> – optional</span> : null}
      </label>
      {hint ? (
        <div className="kern-hint" id={hintId}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <p className="kern-error" id={errorId} data-testid="field-error">
          <span className="kern-icon kern-icon--danger kern-icon--md" aria-hidden="true" />
          <span className="kern-body">{error}</span>
        </p>
      ) : null}
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
    </div>
  );
}

interface BaseProps<T extends FieldValues> {
  form: FormOf<T>;
  name: Path<T>;
  label: ReactNode;
  hint?: ReactNode;
  optional?: boolean;
  className?: string;
}

export function TextField<T extends FieldValues>({
  form,
  name,
  label,
  hint,
  optional,
  className,
  type = 'text',
  autoComplete,
  inputMode,
  width,
  readOnly,
}: BaseProps<T> & { type?: string; autoComplete?: string; inputMode?: 'decimal' | 'numeric' | 'email' | 'tel' | 'text'; width?: number; readOnly?: boolean }) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} hint={hint} error={errorAt(form, name)} optional={optional} className={className}>
      {(aria) => (
        <input
          {...aria}
          className={`kern-form-input__input ${aria['aria-invalid'] ? 'kern-form-input__input--error' : ''} ${width ? `kern-form-input__input--width-${width}` : ''}`}
          type={type}
          autoComplete={autoComplete}
          inputMode={inputMode}
          readOnly={readOnly}
          {...form.register(name)}
        />
      )}
    </FieldShell>
  );
}

export function TextArea<T extends FieldValues>({ form, name, label, hint, optional, rows = 4 }: BaseProps<T> & { rows?: number }) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} hint={hint} error={errorAt(form, name)} optional={optional}>
      {(aria) => <textarea {...aria} className={`kern-form-input__input ${aria['aria-invalid'] ? 'kern-form-input__input--error' : ''}`} rows={rows} {...form.register(name)} />}
    </FieldShell>
  );
}

export function SelectField<T extends FieldValues>({ form, name, label, hint, optional, options, placeholder }: BaseProps<T> & { options: { value: string; label: string }[]; placeholder?: string }) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} hint={hint} error={errorAt(form, name)} optional={optional}>
      {(aria) => (
        <div className="kern-form-input__select-wrapper">
          <select {...aria} className={`kern-form-input__select ${aria['aria-invalid'] ? 'kern-form-input__select--error' : ''}`} {...form.register(name)}>
            {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      )}
    </FieldShell>
  );
}

export function Checkbox<T extends FieldValues>({ form, name, label, hint }: BaseProps<T>) {
  const id = useId();
  const error = errorAt(form, name);
  const errorId = error ? `${id}-error` : undefined;
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="ff-check">
      <div className={`kern-form-check ${error ? 'kern-form-check--error' : ''}`}>
        <input
          className={`kern-form-check__checkbox ${error ? 'kern-form-check__checkbox--error' : ''}`}
          id={id}
          type="checkbox"
          aria-invalid={error ? true : undefined}
          aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
          {...form.register(name)}
        />
        <label className="kern-label" htmlFor={id}>
          {label}
        </label>
      </div>
      {hint ? (
        <div className="kern-hint ff-check__hint" id={hintId}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <p className="kern-error ff-check__hint" id={errorId} data-testid="field-error">
          <span className="kern-body">{error}</span>
        </p>
      ) : null}
    </div>
  );
}

/** A group of checkboxes writing an array of codes (e.g. Handlungsfelder). */
export function CheckboxGroup<T extends FieldValues>({ form, name, legend, options, hint }: { form: FormOf<T>; name: Path<T>; legend: string; options: { value: string; label: string }[]; hint?: string }) {
  const id = useId();
  const error = errorAt(form, name);
  return (
    <fieldset className={`kern-fieldset ${error ? 'kern-fieldset--error' : ''}`} aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="kern-label">{legend}</legend>
      {hint ? <div className="kern-hint">{hint}</div> : null}
      {error ? (
        <p className="kern-error" id={`${id}-error`} data-testid="field-error">
          <span className="kern-body">{error}</span>
        </p>
      ) : null}
      <div className="kern-fieldset__body">
        {options.map((o) => (
          <div className="kern-form-check" key={o.value}>
            <input className="kern-form-check__checkbox" id={`${id}-${o.value}`} type="checkbox" value={o.value} {...form.register(name)} />
            <label className="kern-label" htmlFor={`${id}-${o.value}`}>
              {o.label}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/** The API's catch-all detail for field errors; on its own it tells a Träger nothing. */
const GENERIC_DETAIL = /^Die Eingaben sind ungültig\.?$/;

/**
 * What went wrong with the form, shown next to the button that caused it (place it just above
 * the form's `.ff-actions`): the API's German detail, the field errors no field on the page
 * shows (with German field names), or a refusal decided in the browser (`message`).
 * Focus: when the API's errors could all be placed at fields, the first field has it
 * (applyProblem); otherwise this message takes it, so a keyboard or screen reader user lands
 * on the reason instead of on <body>. `attempt` re-announces the same message on a new click.
 */
export function FormProblems({
  error,
  shown = [],
  message,
  focusMessage = true,
  attempt = 0,
  title = 'Das hat nicht geklappt',
}: {
  error?: unknown;
  shown?: readonly string[];
  message?: ReactNode;
  /** Whether `message` takes the focus (false when the first invalid field has it). */
  focusMessage?: boolean;
  attempt?: number;
  title?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const apiError = error instanceof ApiError ? error : null;
  const placed = apiError ? apiError.fieldErrors.filter((e) => shown.includes(normalisePath(e.path))).length : 0;
  const rest = apiError ? apiError.fieldErrors.filter((e) => !shown.includes(normalisePath(e.path))) : [];
  const takesFocus = error ? placed === 0 : !!message && focusMessage;
  // Not on every render (a message element is new each time): only when something new went wrong.
  useEffect(() => {
    if (takesFocus) ref.current?.focus();
  }, [takesFocus, error, attempt]);
  if (!error && !message) return null;
  let detail: ReactNode = message;
  if (error) {
    const raw = apiError ? apiError.detail : error instanceof Error ? error.message : String(error);
    detail =
      apiError && GENERIC_DETAIL.test(raw)
        ? placed > 0
          ? `Bitte korrigieren Sie die markierten Angaben (${plural(placed, 'Angabe', 'Angaben')}).`
          : 'Einige Angaben passen nicht:'
        : raw;
  }
  return (
    <div ref={ref} tabIndex={-1} className="kern-alert kern-alert--danger ff-alert ff-form-problems" role="alert" data-testid="form-problems">
      <div className="kern-alert__header">
        <span className="kern-icon kern-icon--danger" aria-hidden="true" />
        <span className="kern-title">{title}</span>
      </div>
      <div className="kern-alert__body">
        <p className="kern-body" data-testid="problem-detail">
          {detail}
        </p>
        {rest.length > 0 ? (
          <ul className="kern-list">
            {rest.map((e) => (
              <li key={e.path + e.message}>{e.path ? `${fieldLabel(normalisePath(e.path))}: ${e.message}` : e.message}</li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
