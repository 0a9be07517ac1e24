import fc from 'fast-check';
import { DomainError, Role, Scope } from '@foerderfluss/core';
import {
  DECISION_INITIAL_STATUS,
  DECISION_TRANSITIONS,
  DecisionAction,
  decisionLifecycle,
  DecisionStatus,
  VersionStatus,
  versionLifecycle,
} from './decision-state';

const STATUSES = Object.values(DecisionStatus);
const ACTIONS = decisionLifecycle.actions;
const scope = (roles: Role[], userId = 'u-1'): Scope => ({ userId, email: null, roles, organisationId: null, requestId: null });
const everyone = scope([Role.ADMIN, Role.STAFF, Role.APPROVER]);

function inTable(from: DecisionStatus, action: DecisionAction): boolean {
  return DECISION_TRANSITIONS.some((t) => t.action === action && (typeof t.from === 'string' ? t.from === from : t.from.includes(from)));
}

describe('decision lifecycle table', () => {
  it.each([
    [DecisionStatus.PROPOSED, 'approve', DecisionStatus.IN_FORCE],
    [DecisionStatus.PROPOSED, 'reject', DecisionStatus.REJECTED],
    [DecisionStatus.PROPOSED, 'return', DecisionStatus.RETURNED],
    [DecisionStatus.RETURNED, 'propose', DecisionStatus.PROPOSED],
    [DecisionStatus.IN_FORCE, 'proposeAmendment', DecisionStatus.IN_FORCE],
    [DecisionStatus.IN_FORCE, 'approveAmendment', DecisionStatus.IN_FORCE],
    [DecisionStatus.IN_FORCE, 'proposeRevocation', DecisionStatus.IN_FORCE],
    [DecisionStatus.IN_FORCE, 'approveRevocation', DecisionStatus.IN_FORCE],
    [DecisionStatus.IN_FORCE, 'revoke', DecisionStatus.REVOKED],
    [DecisionStatus.IN_FORCE, 'return', DecisionStatus.IN_FORCE],
    [DecisionStatus.IN_FORCE, 'close', DecisionStatus.CLOSED],
    [DecisionStatus.REVOKED, 'close', DecisionStatus.CLOSED],
    [DecisionStatus.IN_FORCE, 'closeRecovered', DecisionStatus.CLOSED],
  ] as const)('%s --%s--> %s', (from, action, to) => {
    expect(decisionLifecycle.next(from, action)).toBe(to);
  });

  it('every pair not in the table is a 409 DECISION_ILLEGAL_TRANSITION in German', () => {
    let refused = 0;
    for (const from of STATUSES) {
      for (const action of ACTIONS) {
        if (inTable(from, action)) continue;
        refused++;
        expect(() => decisionLifecycle.next(from, action)).toThrow(
          expect.objectContaining({ code: 'DECISION_ILLEGAL_TRANSITION', status: 409, detail: expect.stringMatching(/^Eine Entscheidung im Status „.+“ kann nicht .+ werden\.$/) }),
        );
      }
    }
    expect(refused).toBeGreaterThan(50);
  });

  it('nothing leaves REJECTED or CLOSED', () => {
    for (const action of ACTIONS) {
      expect(decisionLifecycle.step(DecisionStatus.REJECTED, action)).toBeUndefined();
      expect(decisionLifecycle.step(DecisionStatus.CLOSED, action)).toBeUndefined();
    }
  });

  it('every approval is four-eyes against the proposer: DECISION_SAME_APPROVER (403), and not offered to the proposer', () => {
    const approver = scope([Role.APPROVER], 'anna');
    for (const t of DECISION_TRANSITIONS.filter((x) => x.fourEyes)) {
      const from = typeof t.from === 'string' ? t.from : t.from[0]!;
      expect(() => decisionLifecycle.transition(from, t.action, approver, { firstActorId: 'anna' })).toThrow(
        expect.objectContaining({ code: 'DECISION_SAME_APPROVER', status: 403 }),
      );
      expect(decisionLifecycle.transition(from, t.action, approver, { firstActorId: 'ben' })).toBe(t.to);
      expect(decisionLifecycle.allowedActions(from, approver, { firstActorId: 'anna' })).not.toContain(t.action);
      expect(decisionLifecycle.allowedActions(from, approver, { firstActorId: 'ben' })).toContain(t.action);
    }
    expect(DECISION_TRANSITIONS.filter((x) => x.fourEyes).map((x) => x.action).sort()).toEqual(['approve', 'approveAmendment', 'approveRevocation', 'reject', 'revoke']);
  });

  it('roles: STAFF proposes, only APPROVER signs, Träger and auditors take no step (403)', () => {
    const staff = scope([Role.STAFF]);
    expect(() => decisionLifecycle.transition(DecisionStatus.PROPOSED, 'approve', staff, { firstActorId: 'x' })).toThrow(expect.objectContaining({ status: 403, code: 'FORBIDDEN' }));
    expect(decisionLifecycle.transition(DecisionStatus.IN_FORCE, 'proposeAmendment', staff)).toBe(DecisionStatus.IN_FORCE);
    for (const role of [Role.PROVIDER, Role.AUDITOR]) {
      for (const from of STATUSES) expect(decisionLifecycle.allowedActions(from, scope([role]), { firstActorId: 'x' })).toEqual([]);
    }
  });

  it('property: random action sequences only ever reach declared statuses; each undeclared step is a 409 and changes nothing', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ACTIONS), { maxLength: 40 }), (actions) => {
        let status: DecisionStatus = DECISION_INITIAL_STATUS;
        for (const action of actions) {
          const declared = inTable(status, action);
          try {
            const to = decisionLifecycle.transition(status, action, everyone, { firstActorId: 'someone-else' });
            expect(declared).toBe(true);
            status = to;
          } catch (e) {
            expect(declared).toBe(false);
            expect(e).toBeInstanceOf(DomainError);
            expect((e as DomainError).status).toBe(409);
          }
          expect(STATUSES).toContain(status);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('property: every status the table names is reachable from the initial one', () => {
    const reached = new Set<DecisionStatus>([DECISION_INITIAL_STATUS]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const t of DECISION_TRANSITIONS) {
        const froms = typeof t.from === 'string' ? [t.from] : t.from;
        if (froms.some((f) => reached.has(f)) && !reached.has(t.to)) {
          reached.add(t.to);
          grew = true;
        }
      }
    }
    expect([...reached].sort()).toEqual([...STATUSES].sort());
  });
});

describe('decision version table', () => {
  it('a proposed version is approved (four eyes) or returned; nothing else moves', () => {
    const approver = scope([Role.APPROVER], 'anna');
    expect(versionLifecycle.transition(VersionStatus.PROPOSED, 'approve', approver, { firstActorId: 'ben' })).toBe(VersionStatus.APPROVED);
    expect(() => versionLifecycle.transition(VersionStatus.PROPOSED, 'approve', approver, { firstActorId: 'anna' })).toThrow(expect.objectContaining({ code: 'DECISION_SAME_APPROVER' }));
    expect(versionLifecycle.next(VersionStatus.PROPOSED, 'return')).toBe(VersionStatus.RETURNED);
    for (const from of [VersionStatus.APPROVED, VersionStatus.RETURNED]) {
      for (const action of versionLifecycle.actions) {
        expect(() => versionLifecycle.next(from, action)).toThrow(expect.objectContaining({ status: 409 }));
      }
    }
  });

  it('property: random sequences end in a declared version status', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...versionLifecycle.actions), { maxLength: 10 }), (actions) => {
        let status = VersionStatus.PROPOSED;
        for (const action of actions) {
          try {
            status = versionLifecycle.next(status, action);
          } catch (e) {
            expect((e as DomainError).status).toBe(409);
          }
          expect(Object.values(VersionStatus)).toContain(status);
        }
      }),
    );
  });
});
