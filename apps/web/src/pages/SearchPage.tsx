/**
 * Suche (/suche?q=…): Anträge, Bescheide, Mittelabrufe, Nachweise, Festsetzungen, Rückforderungen
 * and Träger by Aktenzeichen, Antragsnummer, title or the Träger's name, each hit a link to its
 * page. The term lives in the address, so a search can be reloaded and shared; the API decides
 * what the caller may find (a Träger only its own).
 */
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, call, type Schemas } from '../api/client';
import { hasRole, useCurrentUser } from '../auth/auth';
import { Badge, Empty, Loading, PageTitle, ProblemAlert } from '../components/ui';
import { plural } from '../lib/format';
import {
  APPLICATION_STATUS,
  DECISION_STATUS,
  label,
  ORGANISATION_ACTIVE,
  PAYMENT_STATUS,
  PROOF_STATUS,
  RECOVERY_STATUS,
  SEARCH_HIT_TYPE,
  SETTLEMENT_STATUS,
} from '../lib/labels';
import { HeaderSearch } from '../components/HeaderSearch';

type Hit = Schemas['SearchHitDto'];

/** The shortest term the API accepts (it answers 400 below that). */
export const MIN_SEARCH_LENGTH = 2;

const STATUS_LABELS: Record<Hit['type'], Record<string, string>> = {
  APPLICATION: APPLICATION_STATUS,
  DECISION: DECISION_STATUS,
  PAYMENT_REQUEST: PAYMENT_STATUS,
  PROOF_OF_USE: PROOF_STATUS,
  SETTLEMENT: SETTLEMENT_STATUS,
  RECOVERY: RECOVERY_STATUS,
  ORGANISATION: ORGANISATION_ACTIVE,
};

function hrefOf(hit: Hit, provider: boolean): string {
  switch (hit.type) {
    case 'APPLICATION':
      return `/antraege/${hit.id}`;
    case 'DECISION':
      return `/bescheide/${hit.id}`;
    case 'PAYMENT_REQUEST':
      return `/mittelabrufe/${hit.id}`;
    case 'PROOF_OF_USE':
      return `/nachweise/${hit.id}`;
    case 'SETTLEMENT':
      return `/festsetzungen/${hit.id}`;
    case 'RECOVERY':
      return `/rueckforderungen/${hit.id}`;
    case 'ORGANISATION':
      // A Träger's own organisation has its page of its own.
      return provider ? '/organisation' : `/traeger/${hit.id}`;
  }
}

export function SearchPage() {
  const me = useCurrentUser();
  const provider = hasRole(me, 'PROVIDER');
  const [params] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const enough = q.length >= MIN_SEARCH_LENGTH;
  const search = useQuery({
    queryKey: ['search', q],
    enabled: enough,
    queryFn: () => call(api.GET('/api/v1/search', { params: { query: { q } } })),
  });
  const hits = search.data?.items ?? [];
  return (
    <>
      <PageTitle subtitle="Aktenzeichen, Antragsnummer, Titel oder Name des Trägers">Suche</PageTitle>
      <HeaderSearch key={q} id="search-page" initial={q} wide landmark="Suche verfeinern" />
      {!enough ? (
        <p className="kern-body" data-testid="search-hint">
          {q.length === 0 ? 'Bitte einen Suchbegriff eingeben.' : `Bitte mindestens ${MIN_SEARCH_LENGTH} Zeichen eingeben.`}
        </p>
      ) : search.error ? (
        <ProblemAlert error={search.error} title="Die Suche ist fehlgeschlagen" />
      ) : search.isPending ? (
        <Loading />
      ) : hits.length === 0 ? (
        <Empty>Nichts gefunden zu „{q}“.</Empty>
      ) : (
        <>
          <p className="kern-body" aria-live="polite" data-testid="search-count">
            {plural(hits.length, 'Treffer', 'Treffer')} zu „{q}“
          </p>
          <ul className="ff-hits" data-testid="search-hits">
            {hits.map((h) => (
              <li key={`${h.type}-${h.id}`} className="ff-hit">
                <span className="ff-hit__what">
                  <Link className="kern-link ff-hit__link" to={hrefOf(h, provider)}>
                    <span className="ff-hit__type">{label(SEARCH_HIT_TYPE, h.type)}</span> {h.reference ? `${h.reference}: ` : ''}
                    {h.title}
                  </Link>
                </span>
                <span className="ff-hit__meta">
                  {h.organisationName && h.type !== 'ORGANISATION' ? <span>{h.organisationName}</span> : null}
                  <Badge>{label(STATUS_LABELS[h.type], h.status)}</Badge>
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
