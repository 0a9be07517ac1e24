import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Link } from 'react-router';
import { api, call, type Schemas } from '../api/client';
import { Badge, Empty, Loading, PageTitle, ProblemAlert, Section, TableWrap } from '../components/ui';
import { daysBetween, formatDate, formatDateTime, todayIso } from '../lib/format';
import { label, WORKLIST_KIND, WORKLIST_SECTION } from '../lib/labels';

type Item = Schemas['WorklistItemDto'];
type WorklistSection = Item['section'];

const ANCHOR: Record<WorklistSection, string> = { TASKS: 'aufgaben', FOLLOW_UPS: 'wiedervorlagen', MY_CASES: 'meine-faelle' };
const ORDER: WorklistSection[] = ['TASKS', 'FOLLOW_UPS', 'MY_CASES'];

/**
 * The worklist in three parts: what waits for my step (Aufgaben), the Wiedervorlagen due today or
 * earlier (mine first) and the cases I am assignee or stand-in of (Meine Fälle). Every entry names
 * its Aktenzeichen, its Träger and a date; all of it comes from the API.
 */
export function WorklistPage() {
  return (
    <>
      <PageTitle subtitle="Was auf mich wartet, fällige Wiedervorlagen und meine Fälle">Arbeitsliste</PageTitle>
      <SectionLinks />
      {ORDER.map((section) => (
        <div id={ANCHOR[section]} key={section}>
          <Section title={WORKLIST_SECTION[section]}>
            <WorklistTable section={section} />
          </Section>
        </div>
      ))}
    </>
  );
}

function useWorklist(section: WorklistSection) {
  return useQuery({ queryKey: ['worklist', section], queryFn: () => call(api.GET('/api/v1/worklist', { params: { query: { section } } })) });
}

function SectionLinks() {
  const counts = { TASKS: useWorklist('TASKS').data?.length, FOLLOW_UPS: useWorklist('FOLLOW_UPS').data?.length, MY_CASES: useWorklist('MY_CASES').data?.length };
  return (
    <nav aria-label="Abschnitte der Arbeitsliste">
      <ul className="ff-section-links">
        {ORDER.map((s) => (
          <li key={s}>
            <a className="kern-link" href={`#${ANCHOR[s]}`}>
              {WORKLIST_SECTION[s]}
              {counts[s] === undefined ? '' : ` (${counts[s]})`}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The page of the record an entry is about, where its step is taken. */
export function worklistHref(entity: string, id: string): string {
  switch (entity) {
    case 'Decision':
      return `/bescheide/${id}`;
    case 'PaymentRequest':
      return `/mittelabrufe/${id}`;
    case 'ProofOfUse':
      return `/nachweise/${id}/pruefung`;
    case 'Settlement':
      return `/festsetzungen/${id}`;
    case 'Recovery':
      return `/rueckforderungen/${id}`;
    default:
      return `/antraege/${id}/pruefung`;
  }
}

const EMPTY: Record<WorklistSection, string> = {
  TASKS: 'Nichts zu tun. Alle Vorgänge sind bearbeitet.',
  FOLLOW_UPS: 'Keine Wiedervorlage ist heute oder früher fällig.',
  MY_CASES: 'Ihnen ist kein offener Vorgang zugewiesen, und Sie vertreten niemanden.',
};

/** The date, and for tasks and Wiedervorlagen whether it has passed (in "Meine Fälle" it may be the day of the assignment). */
function DateCell({ w, today }: { w: Item; today: string }) {
  const days = daysBetween(today, w.dueDate);
  const flagged = w.section !== 'MY_CASES';
  return (
    <>
      {formatDate(w.dueDate)} {flagged && days < 0 ? <Badge tone="danger">überfällig</Badge> : null}
      {w.section === 'FOLLOW_UPS' && days === 0 ? <Badge tone="warning">heute</Badge> : null}
    </>
  );
}

export function WorklistTable({ section = 'TASKS' }: { section?: WorklistSection }) {
  const worklist = useWorklist(section);
  const today = todayIso();
  const captionId = useId();
  if (worklist.error) return <ProblemAlert error={worklist.error} title="Laden fehlgeschlagen" />;
  if (worklist.isPending) return <Loading />;
  const items = worklist.data;
  if (items.length === 0) return <Empty>{EMPTY[section]}</Empty>;
  const people = section !== 'TASKS';
  return (
    <TableWrap label={WORKLIST_SECTION[section]}>
      <table className="kern-table kern-table--small ff-worklist" data-testid={`worklist-${section}`} aria-labelledby={captionId}>
        <caption className="kern-sr-only" id={captionId}>
          {WORKLIST_SECTION[section]}
        </caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th className="kern-table__header" scope="col">{section === 'FOLLOW_UPS' ? 'Wiedervorlage' : 'Datum'}</th>
            <th className="kern-table__header" scope="col">Vorgang</th>
            <th className="kern-table__header" scope="col">Träger</th>
            <th className="kern-table__header" scope="col">{section === 'TASKS' ? 'Aufgabe' : 'Worum es geht'}</th>
            <th className="kern-table__header" scope="col">{people ? 'Zuständig' : 'Seit'}</th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {items.map((w) => (
            <tr className="kern-table__row" key={`${w.kind}-${w.id}-${w.followUpId ?? ''}`}>
              <td className="kern-table__cell" data-label={section === 'FOLLOW_UPS' ? 'Wiedervorlage' : 'Datum'}>
                <DateCell w={w} today={today} />
              </td>
              <td className="kern-table__cell" data-label="Vorgang">
                <Link className="kern-link" to={worklistHref(w.entity, w.id)}>
                  {w.reference}: {w.title}
                </Link>
              </td>
              <td className="kern-table__cell" data-label="Träger">
                {w.providerName || '–'}
              </td>
              <td className="kern-table__cell" data-label={section === 'TASKS' ? 'Aufgabe' : 'Worum es geht'}>
                {w.action || label(WORKLIST_KIND, w.kind)} {section === 'TASKS' && w.mine ? <Badge>mein Fall</Badge> : null}
              </td>
              <td className="kern-table__cell" data-label={people ? 'Zuständig' : 'Seit'}>
                {people ? (
                  <>
                    {w.assigneeName ?? 'niemand'} {section === 'FOLLOW_UPS' && w.mine ? <Badge>mein Fall</Badge> : null}
                  </>
                ) : (
                  formatDateTime(w.since)
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
