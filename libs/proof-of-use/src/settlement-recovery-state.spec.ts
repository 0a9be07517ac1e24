import fc from 'fast-check';
import { DomainError, Lifecycle, Role, Scope } from '@foerderfluss/core';
import { SETTLEMENT_ACTIONS, SETTLEMENT_INITIAL_STATUS, SETTLEMENT_LIFECYCLE, SettlementStatus } from './settlement-state';
import { RECOVERY_ACTIONS, RECOVERY_INITIAL_STATUS, RECOVERY_LIFECYCLE, RecoveryStatus } from './recovery-state';

const PEOPLE = ['u-1', 'u-2', 'u-3'];
const scopeArb = fc.record({
  userId: fc.constantFrom(...PEOPLE),
  roles: fc.subarray(Object.values(Role), { minLength: 1 }),
});
const asScope = (s: { userId: string; roles: Role[] }): Scope => ({ userId: s.userId, email: null, roles: s.roles, organisationId: null, requestId: null });

interface Case<S extends string, A extends string> {
  name: string;
  lifecycle: Lifecycle<S, A>;
  initial: S;
  statuses: readonly S[];
  actions: readonly A[];
  code: string;
}

const cases = [
  {
    name: 'Festsetzung',
    lifecycle: SETTLEMENT_LIFECYCLE,
    initial: SETTLEMENT_INITIAL_STATUS,
    statuses: Object.values(SettlementStatus),
    actions: SETTLEMENT_ACTIONS,
    code: 'SETTLEMENT_ILLEGAL_TRANSITION',
  } as Case<string, string>,
  {
    name: 'Rückforderung',
    lifecycle: RECOVERY_LIFECYCLE,
    initial: RECOVERY_INITIAL_STATUS,
    statuses: Object.values(RecoveryStatus),
    actions: RECOVERY_ACTIONS,
    code: 'RECOVERY_ILLEGAL_TRANSITION',
  } as Case<string, string>,
];

describe.each(cases)('$name lifecycle table', (c) => {
  it('declares exactly the statuses of the check constraint and the actions of its type', () => {
    expect(c.lifecycle.statuses.sort()).toEqual([...c.statuses].sort());
    expect(c.lifecycle.actions.sort()).toEqual([...c.actions].sort());
    for (const t of c.lifecycle.transitions) expect(c.statuses).toContain(t.to);
  });

  it('random action sequences never reach an undeclared status; every step not in the table is a 409', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ action: fc.constantFrom(...c.actions), who: scopeArb }), { maxLength: 25 }), fc.constantFrom(...PEOPLE), (steps, firstActor) => {
        let status = c.initial;
        for (const { action, who } of steps) {
          const scope = asScope(who);
          const step = c.lifecycle.step(status, action);
          let outcome: string | DomainError;
          try {
            outcome = c.lifecycle.transition(status, action, scope, { firstActorId: firstActor });
          } catch (e) {
            outcome = e as DomainError;
          }
          if (!step) {
            expect(outcome).toMatchObject({ code: c.code, status: 409 });
            expect(() => c.lifecycle.next(status, action)).toThrow(expect.objectContaining({ code: c.code, status: 409 }));
            continue;
          }
          const roleOk = scope.roles.some((r) => step.roles.includes(r));
          const eyesOk = !step.fourEyes || scope.userId !== firstActor;
          // allowedActions says exactly what transition lets through
          expect(c.lifecycle.allowedActions(status, scope, { firstActorId: firstActor }).includes(action)).toBe(roleOk && eyesOk);
          if (roleOk && eyesOk) {
            expect(typeof outcome).toBe('string');
            status = outcome as string;
            expect(c.statuses).toContain(status);
          } else {
            expect(outcome).toMatchObject({ status: 403 });
          }
        }
        expect(c.statuses).toContain(status);
      }),
      { numRuns: 200 },
    );
  });

  it('every (status, action) pair not in the table answers 409 in German naming the status', () => {
    for (const s of c.statuses) {
      for (const a of c.actions) {
        if (c.lifecycle.step(s, a)) continue;
        expect(() => c.lifecycle.next(s, a)).toThrow(expect.objectContaining({ code: c.code, status: 409, detail: expect.stringContaining(`„${c.lifecycle.statusLabel(s)}“`) }));
      }
    }
  });
});

describe('Festsetzung four eyes', () => {
  const person = (userId: string, ...roles: Role[]): Scope => ({ userId, email: null, roles, organisationId: null, requestId: null });

  it('the proposer may not approve (SETTLEMENT_SAME_APPROVER, 403), another approver may', () => {
    expect(() => SETTLEMENT_LIFECYCLE.transition('PROPOSED', 'approve', person('a', Role.ADMIN), { firstActorId: 'a' })).toThrow(
      expect.objectContaining({ code: 'SETTLEMENT_SAME_APPROVER', status: 403, detail: expect.stringContaining('Vier-Augen-Prinzip') }),
    );
    expect(SETTLEMENT_LIFECYCLE.transition('PROPOSED', 'approve', person('b', Role.APPROVER), { firstActorId: 'a' })).toBe('APPROVED');
  });

  it('allowedActions: approver on someone else’s proposal approve and return, staff proposer nothing, Träger and auditor nothing', () => {
    const ctx = { firstActorId: 'staff' };
    expect(SETTLEMENT_LIFECYCLE.allowedActions('PROPOSED', person('approver', Role.APPROVER), ctx)).toEqual(['approve', 'return']);
    expect(SETTLEMENT_LIFECYCLE.allowedActions('PROPOSED', person('staff', Role.STAFF), ctx)).toEqual([]);
    expect(SETTLEMENT_LIFECYCLE.allowedActions('PROPOSED', person('p', Role.PROVIDER), ctx)).toEqual([]);
    expect(SETTLEMENT_LIFECYCLE.allowedActions('PROPOSED', person('r', Role.AUDITOR), ctx)).toEqual([]);
    // an admin who proposed may take the proposal back, not approve it
    expect(SETTLEMENT_LIFECYCLE.allowedActions('PROPOSED', person('admin', Role.ADMIN), { firstActorId: 'admin' })).toEqual(['return']);
    expect(SETTLEMENT_LIFECYCLE.allowedActions('APPROVED', person('approver', Role.APPROVER), ctx)).toEqual([]);
  });
});
