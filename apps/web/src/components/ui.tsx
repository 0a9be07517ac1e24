import { useEffect, useId, useRef, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { ApiError, normalisePath } from '../api/problem';
import { formatMoney } from '../lib/format';

/**
 * Focus moves to the new page's heading after in-app navigation, not on the first load (there the
 * skip link comes first). The first location seen is remembered, so React's doubled effects in
 * development do not count as a navigation.
 */
let firstLocationKey: string | null = null;

/** The page's h1; sets the document title and takes focus after navigation (screen readers hear the new page). */
export function PageTitle({ children, subtitle }: { children: string; subtitle?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { key } = useLocation();
  useEffect(() => {
    document.title = `${children} – Förderfluss`;
    if (firstLocationKey === null) firstLocationKey = key;
    else if (key !== firstLocationKey) ref.current?.focus({ preventScroll: true });
  }, [children, key]);
  return (
    <div className="ff-page-title">
      <h1 className="kern-heading-large" tabIndex={-1} ref={ref}>
        {children}
      </h1>
      {subtitle ? <p className="kern-body kern-body--muted">{subtitle}</p> : null}
    </div>
  );
}

type AlertType = 'info' | 'success' | 'warning' | 'danger';

export function Alert({ type, title, children, live }: { type: AlertType; title: string; children?: ReactNode; live?: boolean }) {
  const role = type === 'danger' ? 'alert' : live ? 'status' : undefined;
  return (
    <div className={`kern-alert kern-alert--${type} ff-alert`} role={role}>
      <div className="kern-alert__header">
        <span className={`kern-icon kern-icon--${type === 'danger' ? 'danger' : type}`} aria-hidden="true" />
        <span className="kern-title">{title}</span>
      </div>
      {children ? <div className="kern-alert__body">{children}</div> : null}
    </div>
  );
}

/**
 * Shows an API error in German: the problem's detail, and those field errors that no field on
 * the page showed (`shown` lists the paths the form displays next to its fields).
 */
export function ProblemAlert({ error, shown = [], title = 'Das hat nicht geklappt' }: { error: unknown; shown?: readonly string[]; title?: string }) {
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : null;
  const detail = apiError ? apiError.detail : error instanceof Error ? error.message : String(error);
  const rest = apiError ? apiError.fieldErrors.filter((e) => !shown.includes(normalisePath(e.path))) : [];
  return (
    <Alert type="danger" title={title}>
      <p className="kern-body" data-testid="problem-detail">
        {detail}
      </p>
      {rest.length > 0 ? (
        <ul className="kern-list">
          {rest.map((e) => (
            <li key={e.path + e.message}>{e.message}</li>
          ))}
        </ul>
      ) : null}
    </Alert>
  );
}

export function Loading({ label = 'Wird geladen …' }: { label?: string }) {
  return (
    <p className="ff-loading" role="status">
      <span className="kern-loader kern-loader--visible" aria-hidden="true" />
      <span className="kern-body">{label}</span>
    </p>
  );
}

export function NotFound({ what = 'Die Seite' }: { what?: string }) {
  return (
    <section aria-labelledby="nf-title">
      <h1 id="nf-title" className="kern-heading-large">
        Nicht gefunden
      </h1>
      <p className="kern-body">{what} wurde nicht gefunden. Vielleicht ist die Adresse falsch oder Sie haben keinen Zugriff darauf.</p>
      <p className="kern-body">
        <Link className="kern-link" to="/">
          Zur Startseite
        </Link>
      </p>
    </section>
  );
}

/** Loading, 404 ("nicht gefunden") and other errors of a query, in one place. */
export function QueryView<T>({
  query,
  what,
  children,
}: {
  query: { data: T | undefined; error: unknown; isPending: boolean };
  what?: string;
  children: (data: T) => ReactNode;
}) {
  if (query.error) {
    if (query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 400)) return <NotFound what={what} />;
    return <ProblemAlert error={query.error} title="Laden fehlgeschlagen" />;
  }
  if (query.isPending || query.data === undefined) return <Loading />;
  return <>{children(query.data)}</>;
}

export function Money({ value }: { value: string | bigint | null | undefined }) {
  return <span className="ff-money">{formatMoney(value)}</span>;
}

export function Badge({ tone = 'info', children }: { tone?: 'info' | 'success' | 'warning' | 'danger'; children: ReactNode }) {
  return (
    <span className={`kern-badge kern-badge--${tone}`}>
      <span className="kern-label">{children}</span>
    </span>
  );
}

export function Button({
  children,
  variant = 'primary',
  type = 'button',
  busy,
  ...rest
}: React.ButtonHTMLAttributes<HTMLButtonElement> & { variant?: 'primary' | 'secondary' | 'tertiary'; busy?: boolean }) {
  return (
    <button type={type} className={`kern-btn kern-btn--${variant}`} aria-busy={busy || undefined} disabled={busy || rest.disabled} {...rest}>
      <span className="kern-label">{children}</span>
    </button>
  );
}

/** A table that scrolls sideways on small screens; the region is focusable so keyboards can scroll it. */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="kern-table-responsive ff-table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

export function DescriptionList({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="kern-description-list">
      {items.map(([k, v]) => (
        <div className="kern-description-list-item" key={k}>
          <dt className="kern-description-list-item__key">{k}</dt>
          <dd className="kern-description-list-item__value">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Section({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  const id = useId();
  return (
    <section className="ff-section" aria-labelledby={id}>
      <div className="ff-section__head">
        <h2 id={id} className="kern-heading-medium">
          {title}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="kern-body kern-body--muted ff-empty">{children}</p>;
}
