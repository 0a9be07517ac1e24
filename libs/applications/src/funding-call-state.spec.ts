import fc from 'fast-check';
import { CalendarDate, FixedClock, Role, Scope } from '@foerderfluss/core';
import { CallStatus } from './funding-call.entity';
import { CALL_ACTIONS, CALL_LIFECYCLE, CallAction, callDisplay, CallDisplayStatus, isDeadlinePassed } from './funding-call-state';

const scope = (roles: Role[]): Scope => ({ userId: 'u-1', email: null, roles, organisationId: null, requestId: null });
const staff = scope([Role.STAFF]);
const DECLARED: [CallStatus, CallAction, CallStatus][] = [
  [CallStatus.DRAFT, 'update', CallStatus.DRAFT],
  [CallStatus.DRAFT, 'publish', CallStatus.PUBLISHED],
  [CallStatus.PUBLISHED, 'extend', CallStatus.PUBLISHED],
  [CallStatus.PUBLISHED, 'close', CallStatus.CLOSED],
];
const declared = (from: CallStatus, action: CallAction) => DECLARED.find(([f, a]) => f === from && a === action)?.[2];

describe('Projektaufruf lifecycle', () => {
  it('random action sequences never reach an undeclared status; every step outside the table is a 409', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...CALL_ACTIONS), { maxLength: 20 }), (actions) => {
        let status = CallStatus.DRAFT;
        for (const action of actions) {
          const expected = declared(status, action);
          if (expected) {
            status = CALL_LIFECYCLE.transition(status, action, staff);
            expect(status).toBe(expected);
          } else {
            expect(() => CALL_LIFECYCLE.transition(status, action, staff)).toThrow(expect.objectContaining({ code: 'CALL_ILLEGAL_TRANSITION', status: 409 }));
          }
          expect(Object.values(CallStatus)).toContain(status);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('only ADMIN and STAFF act on a call; a closed call allows nothing', () => {
    expect(CALL_LIFECYCLE.allowedActions(CallStatus.DRAFT, staff)).toEqual(['update', 'publish']);
    expect(CALL_LIFECYCLE.allowedActions(CallStatus.PUBLISHED, scope([Role.ADMIN]))).toEqual(['extend', 'close']);
    for (const role of [Role.PROVIDER, Role.APPROVER, Role.AUDITOR]) {
      for (const s of Object.values(CallStatus)) expect(CALL_LIFECYCLE.allowedActions(s, scope([role]))).toEqual([]);
    }
    expect(CALL_LIFECYCLE.allowedActions(CallStatus.CLOSED, staff)).toEqual([]);
  });
});

describe('Projektaufruf: Frist abgelaufen', () => {
  const call = (status: CallStatus, deadline = '2026-10-12', openingDate = '2026-09-01') => ({ status, deadline, openingDate });
  const today = (iso: string) => CalendarDate.parse(iso);

  it('the deadline passes at the end of its day in Europe/Berlin, not at midnight UTC', () => {
    const clock = new FixedClock('Europe/Berlin', new Date('2026-10-12T21:59:59Z'));
    // 23:59:59 in Berlin (CEST) on the deadline: still open.
    expect(isDeadlinePassed('2026-10-12', clock.today())).toBe(false);
    clock.set('2026-10-12T22:00:00Z');
    // 00:00 on 13.10. in Berlin, while UTC still has the 12th.
    expect(isDeadlinePassed('2026-10-12', clock.today())).toBe(true);
  });

  it.each([
    [CallStatus.DRAFT, '2026-10-01', CallDisplayStatus.DRAFT, false, false],
    [CallStatus.DRAFT, '2026-10-13', CallDisplayStatus.DRAFT, true, false],
    [CallStatus.PUBLISHED, '2026-08-31', CallDisplayStatus.PUBLISHED, false, false],
    [CallStatus.PUBLISHED, '2026-10-12', CallDisplayStatus.PUBLISHED, false, true],
    [CallStatus.PUBLISHED, '2026-10-13', CallDisplayStatus.DEADLINE_PASSED, true, false],
    [CallStatus.CLOSED, '2026-10-01', CallDisplayStatus.CLOSED, false, false],
    [CallStatus.CLOSED, '2026-10-13', CallDisplayStatus.CLOSED, true, false],
  ])('%s on %s reads %s (deadlinePassed %s, open %s)', (status, on, displayStatus, deadlinePassed, openForApplications) => {
    expect(callDisplay(call(status), today(on))).toEqual({ displayStatus, deadlinePassed, openForApplications });
  });

  it('a published call never reads "veröffentlicht" after its deadline, whatever the day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 2000 }), (d, t) => {
        const deadline = CalendarDate.fromEpochDay(20000 + d).toISOString();
        const view = callDisplay(call(CallStatus.PUBLISHED, deadline, '2020-01-01'), CalendarDate.fromEpochDay(20000 + t));
        expect(view.displayStatus === CallDisplayStatus.PUBLISHED).toBe(t <= d);
        expect(view.deadlinePassed).toBe(t > d);
      }),
    );
  });
});
