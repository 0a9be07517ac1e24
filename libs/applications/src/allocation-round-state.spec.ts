import fc from 'fast-check';
import { Role, Scope } from '@foerderfluss/core';
import { AllocationRoundStatus } from './allocation-round.entity';
import { ROUND_ACTIONS, ROUND_LIFECYCLE, RoundAction } from './allocation-round-state';

const scope = (roles: Role[]): Scope => ({ userId: 'u-1', email: null, roles, organisationId: null, requestId: null });
const staff = scope([Role.STAFF]);
const { OPEN, CONFIRMED } = AllocationRoundStatus;
const DECLARED: [AllocationRoundStatus, RoundAction, AllocationRoundStatus][] = [
  [OPEN, 'setItems', OPEN],
  [OPEN, 'recordResolution', OPEN],
  [OPEN, 'confirm', CONFIRMED],
  [CONFIRMED, 'proposeDecisions', CONFIRMED],
];
const declared = (from: AllocationRoundStatus, action: RoundAction) => DECLARED.find(([f, a]) => f === from && a === action)?.[2];

describe('Mittelverteilung lifecycle', () => {
  it('random action sequences never reach an undeclared status; every step outside the table is a 409', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ROUND_ACTIONS), { maxLength: 20 }), (actions) => {
        let status = OPEN;
        for (const action of actions) {
          const expected = declared(status, action);
          if (expected) {
            status = ROUND_LIFECYCLE.transition(status, action, staff);
            expect(status).toBe(expected);
          } else {
            expect(() => ROUND_LIFECYCLE.transition(status, action, staff)).toThrow(expect.objectContaining({ code: 'ALLOCATION_ROUND_ILLEGAL_TRANSITION', status: 409 }));
          }
          expect([OPEN, CONFIRMED]).toContain(status);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('only ADMIN and STAFF act on a round', () => {
    expect(ROUND_LIFECYCLE.allowedActions(OPEN, staff)).toEqual(['setItems', 'recordResolution', 'confirm']);
    expect(ROUND_LIFECYCLE.allowedActions(CONFIRMED, scope([Role.ADMIN]))).toEqual(['proposeDecisions']);
    for (const role of [Role.PROVIDER, Role.APPROVER, Role.AUDITOR]) {
      for (const s of [OPEN, CONFIRMED]) expect(ROUND_LIFECYCLE.allowedActions(s, scope([role]))).toEqual([]);
    }
  });
});
