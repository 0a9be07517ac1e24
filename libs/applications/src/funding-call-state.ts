import { CalendarDate, Lifecycle, Role } from '@foerderfluss/core';
import { CallStatus, FundingCall } from './funding-call.entity';
import { callNotEditable } from './applications.errors';

/** Every action on a Projektaufruf, in the order the web shows its buttons. */
export const CALL_ACTIONS = ['update', 'publish', 'extend', 'close'] as const;
export type CallAction = (typeof CALL_ACTIONS)[number];

const STAFF = [Role.ADMIN, Role.STAFF];

/**
 * The Projektaufruf lifecycle: staff prepare a draft, publish it (Träger see it from then on),
 * may extend its Ausschlussfrist while it is published (also after the old one has passed), and
 * close it. A published call is never edited again. Steps outside the table keep their
 * established code (CALL_NOT_EDITABLE), which the service raises before asking the table.
 */
export const CALL_LIFECYCLE = new Lifecycle<CallStatus, CallAction>(
  [
    { from: CallStatus.DRAFT, action: 'update', to: CallStatus.DRAFT, roles: STAFF },
    { from: CallStatus.DRAFT, action: 'publish', to: CallStatus.PUBLISHED, roles: STAFF },
    { from: CallStatus.PUBLISHED, action: 'extend', to: CallStatus.PUBLISHED, roles: STAFF },
    { from: CallStatus.PUBLISHED, action: 'close', to: CallStatus.CLOSED, roles: STAFF },
  ],
  {
    codePrefix: 'CALL',
    recordDe: 'Ein Projektaufruf',
    statusDe: { DRAFT: 'Entwurf', PUBLISHED: 'veröffentlicht', CLOSED: 'geschlossen' },
    actionDe: { update: 'geändert', publish: 'veröffentlicht', extend: 'verlängert', close: 'geschlossen' },
    statusKey: 'callStatus',
    // No step of a call confirms someone else's: the refusal is never raised.
    sameActor: callNotEditable,
  },
);

/**
 * What a reader is told about a call's state. A published call whose Ausschlussfrist has passed
 * is no longer open, even though nobody has closed it yet: it reads "Frist abgelaufen", never
 * "veröffentlicht".
 */
export enum CallDisplayStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  DEADLINE_PASSED = 'DEADLINE_PASSED',
  CLOSED = 'CLOSED',
}

export interface CallDisplay {
  /** The Ausschlussfrist (the last day, until its end in the business time zone) lies before today. */
  deadlinePassed: boolean;
  displayStatus: CallDisplayStatus;
  /** Published, opened and within its Ausschlussfrist: a Träger may hand in an Antrag today. */
  openForApplications: boolean;
}

/**
 * The one place that decides whether a call's deadline has passed: the deadline is a whole day,
 * so it passes at the end of that day in the business time zone (`today` comes from the Clock,
 * which knows Europe/Berlin). The list, the detail and the submission of an Antrag all ask here.
 */
export function isDeadlinePassed(deadline: string, today: CalendarDate): boolean {
  return today.isAfter(CalendarDate.parse(deadline, 'deadline'));
}

export function callDisplay(call: Pick<FundingCall, 'status' | 'deadline' | 'openingDate'>, today: CalendarDate): CallDisplay {
  const deadlinePassed = isDeadlinePassed(call.deadline, today);
  const published = call.status === CallStatus.PUBLISHED;
  const displayStatus =
    call.status === CallStatus.DRAFT
      ? CallDisplayStatus.DRAFT
      : call.status === CallStatus.CLOSED
        ? CallDisplayStatus.CLOSED
        : deadlinePassed
          ? CallDisplayStatus.DEADLINE_PASSED
          : CallDisplayStatus.PUBLISHED;
  const opened = !today.isBefore(CalendarDate.parse(call.openingDate, 'openingDate'));
  return { deadlinePassed, displayStatus, openForApplications: published && opened && !deadlinePassed };
}
