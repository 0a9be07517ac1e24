import fc from 'fast-check';
import { DomainError, Lifecycle, Role, Scope } from '@foerderfluss/core';
import { STATE_GRANT_LIFECYCLE } from './state-grant-state';
import { STATE_PROOF_REVIEW_LIFECYCLE } from './state-proof-review-state';
import { LAND_DRAWDOWN_LIFECYCLE } from './land-drawdown-state';

const PEOPLE = ['u-1', 'u-2', 'u-3'];
const land = (userId: string, ...roles: Role[]): Scope => ({ userId, email: null, roles, organisationId: 'state', stateId: 'state', requestId: null });
const kreis = (userId: string, ...roles: Role[]): Scope => ({ userId, email: null, roles, organisationId: 'k', districtId: 'k', requestId: null });

const cases: { name: string; lifecycle: Lifecycle<string, string>; initial: string; statuses: string[]; code: string }[] = [
  { name: 'Zuweisung', lifecycle: STATE_GRANT_LIFECYCLE as Lifecycle<string, string>, initial: 'DRAFT', statuses: ['DRAFT', 'PROPOSED', 'ISSUED'], code: 'STATE_GRANT_ILLEGAL_TRANSITION' },
  {
    name: 'Prüfung des Landes',
    lifecycle: STATE_PROOF_REVIEW_LIFECYCLE as Lifecycle<string, string>,
    initial: 'IN_REVIEW',
    statuses: ['IN_REVIEW', 'PROPOSED', 'SETTLED', 'CLOSED'],
    code: 'STATE_PROOF_REVIEW_ILLEGAL_TRANSITION',
  },
];

describe.each(cases)('$name lifecycle (level STATE)', (c) => {
  it('declares exactly the statuses of the check constraint', () => {
    expect([...c.lifecycle.statuses].sort()).toEqual([...c.statuses].sort());
    for (const t of c.lifecycle.transitions) expect(c.statuses).toContain(t.to);
  });

  it('random walks: a Kreis user never moves it, a step not in the table is a 409, four eyes hold', () => {
    const who = fc.record({
      userId: fc.constantFrom(...PEOPLE),
      roles: fc.subarray([Role.ADMIN, Role.STAFF, Role.APPROVER, Role.AUDITOR], { minLength: 1 }),
      atLand: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(fc.record({ action: fc.constantFrom(...c.lifecycle.actions), who }), { maxLength: 25 }), fc.constantFrom(...PEOPLE), (steps, firstActor) => {
        let status = c.initial;
        for (const { action, who: w } of steps) {
          const scope = w.atLand ? land(w.userId, ...w.roles) : kreis(w.userId, ...w.roles);
          const step = c.lifecycle.step(status, action);
          try {
            const to = c.lifecycle.transition(status, action, scope, { firstActorId: firstActor });
            expect(step).toBeDefined();
            expect(w.atLand).toBe(true);
            if (step!.fourEyes) expect(w.userId).not.toBe(firstActor);
            expect(c.statuses).toContain(to);
            status = to;
          } catch (e) {
            const err = e as DomainError;
            if (!step) expect(err.code).toBe(c.code);
            else if (!w.atLand) expect(err.code).toBe('FORBIDDEN_LEVEL');
            else expect(err.status).toBe(403);
          }
        }
      }),
    );
  });
});

describe('allowedActions', () => {
  it('Zuweisung: Land staff draft and propose; the approver issues unless they proposed; the Kreis gets none', () => {
    expect(STATE_GRANT_LIFECYCLE.allowedActions('DRAFT', land('s', Role.STAFF))).toEqual(['edit', 'propose']);
    expect(STATE_GRANT_LIFECYCLE.allowedActions('PROPOSED', land('a', Role.APPROVER), { firstActorId: 's' })).toEqual(['return', 'issue']);
    expect(STATE_GRANT_LIFECYCLE.allowedActions('PROPOSED', land('s', Role.STAFF, Role.APPROVER), { firstActorId: 's' })).toEqual(['return']);
    expect(STATE_GRANT_LIFECYCLE.allowedActions('DRAFT', kreis('k', Role.ADMIN, Role.STAFF, Role.APPROVER))).toEqual([]);
    expect(STATE_GRANT_LIFECYCLE.allowedActions('PROPOSED', kreis('k', Role.APPROVER))).toEqual([]);
    expect(STATE_GRANT_LIFECYCLE.allowedActions('ISSUED', land('a', Role.APPROVER))).toEqual([]);
  });

  it('Prüfung: settle under four eyes, the refund by Land staff; the Kreis reads only', () => {
    expect(STATE_PROOF_REVIEW_LIFECYCLE.allowedActions('PROPOSED', land('a', Role.APPROVER), { firstActorId: 's' })).toEqual(['return', 'settle']);
    expect(STATE_PROOF_REVIEW_LIFECYCLE.allowedActions('PROPOSED', land('s', Role.STAFF, Role.APPROVER), { firstActorId: 's' })).toEqual(['return']);
    expect(STATE_PROOF_REVIEW_LIFECYCLE.allowedActions('SETTLED', land('s', Role.STAFF))).toEqual(['receiveRefund']);
    expect(STATE_PROOF_REVIEW_LIFECYCLE.allowedActions('SETTLED', kreis('k', Role.STAFF))).toEqual([]);
  });

  it('drawdown payment: Land staff only', () => {
    expect(LAND_DRAWDOWN_LIFECYCLE.allowedActions('REQUESTED', land('s', Role.STAFF))).toEqual(['pay']);
    expect(LAND_DRAWDOWN_LIFECYCLE.allowedActions('REQUESTED', kreis('k', Role.STAFF))).toEqual([]);
    expect(LAND_DRAWDOWN_LIFECYCLE.allowedActions('RECEIVED', land('s', Role.STAFF))).toEqual([]);
  });
});
