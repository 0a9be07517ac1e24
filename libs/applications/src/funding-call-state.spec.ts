import fc from 'fast-check';
import { Role, Scope } from '@foerderfluss/core';
import { CallStatus } from './funding-call.entity';
import { CALL_ACTIONS, CALL_LIFECYCLE, CallAction } from './funding-call-state';

const scope = (roles: Role[]): Scope => ({ userId: 'u-1', email: null, roles, organisationId: null, requestId: null });
const staff = scope([Role.STAFF]);
const DECLARED: [CallStatus, CallAction, CallStatus][] = [
  [CallStatus.DRAFT, 'update', CallStatus.DRAFT],
  [CallStatus.DRAFT, 'publish', CallStatus.PUBLISHED],
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
    expect(CALL_LIFECYCLE.allowedActions(CallStatus.PUBLISHED, scope([Role.ADMIN]))).toEqual(['close']);
    for (const role of [Role.PROVIDER, Role.APPROVER, Role.AUDITOR]) {
      for (const s of Object.values(CallStatus)) expect(CALL_LIFECYCLE.allowedActions(s, scope([role]))).toEqual([]);
    }
    expect(CALL_LIFECYCLE.allowedActions(CallStatus.CLOSED, staff)).toEqual([]);
  });
});
