import fc from 'fast-check';
import { DomainError, Role, Scope } from '@foerderfluss/core';
import { APPLICATION_ACTIONS, APPLICATION_LIFECYCLE, ApplicationAction, ApplicationStatus, nextStatus } from './application-state';

const scope = (roles: Role[], userId = 'u-1'): Scope => ({ userId, email: null, roles, organisationId: roles.includes(Role.PROVIDER) ? 'org-1' : null, requestId: null });
const everyone = scope([Role.ADMIN, Role.STAFF, Role.APPROVER, Role.PROVIDER]);
const STATUSES = Object.values(ApplicationStatus);
const FINAL = [ApplicationStatus.APPROVED, ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN];

/** The table as pairs, written out once more by hand: a change to the lifecycle must change this too. */
const DECLARED: [ApplicationStatus, ApplicationAction, ApplicationStatus][] = [
  [ApplicationStatus.DRAFT, 'update', ApplicationStatus.DRAFT],
  [ApplicationStatus.CHANGES_REQUESTED, 'update', ApplicationStatus.CHANGES_REQUESTED],
  [ApplicationStatus.DRAFT, 'submit', ApplicationStatus.SUBMITTED],
  [ApplicationStatus.CHANGES_REQUESTED, 'submit', ApplicationStatus.SUBMITTED],
  [ApplicationStatus.DRAFT, 'withdraw', ApplicationStatus.WITHDRAWN],
  [ApplicationStatus.SUBMITTED, 'withdraw', ApplicationStatus.WITHDRAWN],
  [ApplicationStatus.IN_REVIEW, 'withdraw', ApplicationStatus.WITHDRAWN],
  [ApplicationStatus.CHANGES_REQUESTED, 'withdraw', ApplicationStatus.WITHDRAWN],
  [ApplicationStatus.SUBMITTED, 'startReview', ApplicationStatus.IN_REVIEW],
  [ApplicationStatus.IN_REVIEW, 'requestChanges', ApplicationStatus.CHANGES_REQUESTED],
  [ApplicationStatus.IN_REVIEW, 'proposeDecision', ApplicationStatus.DECISION_PROPOSED],
  [ApplicationStatus.DECISION_PROPOSED, 'approve', ApplicationStatus.APPROVED],
  [ApplicationStatus.DECISION_PROPOSED, 'reject', ApplicationStatus.REJECTED],
  [ApplicationStatus.DECISION_PROPOSED, 'returnProposal', ApplicationStatus.IN_REVIEW],
];
const declared = (from: ApplicationStatus, action: ApplicationAction) => DECLARED.find(([f, a]) => f === from && a === action)?.[2];

describe('application lifecycle', () => {
  it.each(DECLARED)('%s --%s--> %s', (from, action, to) => {
    expect(nextStatus(from, action)).toBe(to);
  });

  it('every (status, action) pair outside the table is a 409 with the established code and German text', () => {
    for (const from of STATUSES) {
      for (const action of APPLICATION_ACTIONS) {
        if (declared(from, action)) continue;
        expect(() => APPLICATION_LIFECYCLE.transition(from, action, everyone)).toThrow(
          expect.objectContaining({ code: 'APPLICATION_ILLEGAL_TRANSITION', status: 409, detail: expect.stringMatching(/^Ein Antrag im Status „.+“ kann nicht .+ werden\.$/) }),
        );
      }
    }
    expect(() => nextStatus(ApplicationStatus.WITHDRAWN, 'approve')).toThrow(
      expect.objectContaining({ detail: 'Ein Antrag im Status „zurückgezogen“ kann nicht bewilligt werden.', extensions: { applicationStatus: 'WITHDRAWN', action: 'approve' } }),
    );
  });

  it('random action sequences never reach an undeclared status; each refused step is a 409 and changes nothing', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...APPLICATION_ACTIONS), { maxLength: 40 }), (actions) => {
        let status = ApplicationStatus.DRAFT;
        for (const action of actions) {
          const expected = declared(status, action);
          if (expected) {
            status = APPLICATION_LIFECYCLE.transition(status, action, everyone, { firstActorId: 'someone-else' });
            expect(status).toBe(expected);
          } else {
            let error: unknown;
            try {
              APPLICATION_LIFECYCLE.transition(status, action, everyone);
            } catch (e) {
              error = e;
            }
            expect(error).toBeInstanceOf(DomainError);
            expect(error).toMatchObject({ code: 'APPLICATION_ILLEGAL_TRANSITION', status: 409 });
          }
          expect(STATUSES).toContain(status);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('no transition leaves a final state', () => {
    for (const from of FINAL) expect(APPLICATION_LIFECYCLE.allowedActions(from, everyone)).toEqual([]);
  });

  it('roles: the Träger edits, submits and withdraws; staff review and propose; only the approver decides', () => {
    const provider = scope([Role.PROVIDER]);
    const staff = scope([Role.STAFF]);
    const approver = scope([Role.APPROVER]);
    const auditor = scope([Role.AUDITOR]);
    expect(APPLICATION_LIFECYCLE.allowedActions(ApplicationStatus.DRAFT, provider)).toEqual(['update', 'submit', 'withdraw']);
    expect(APPLICATION_LIFECYCLE.allowedActions(ApplicationStatus.DRAFT, staff)).toEqual([]);
    expect(APPLICATION_LIFECYCLE.allowedActions(ApplicationStatus.IN_REVIEW, staff)).toEqual(['requestChanges', 'proposeDecision']);
    expect(APPLICATION_LIFECYCLE.allowedActions(ApplicationStatus.IN_REVIEW, provider)).toEqual(['withdraw']);
    expect(APPLICATION_LIFECYCLE.allowedActions(ApplicationStatus.DECISION_PROPOSED, approver, { firstActorId: 'u-2' })).toEqual(['approve', 'reject', 'returnProposal']);
    for (const s of STATUSES) expect(APPLICATION_LIFECYCLE.allowedActions(s, auditor)).toEqual([]);
    expect(() => APPLICATION_LIFECYCLE.transition(ApplicationStatus.SUBMITTED, 'startReview', provider)).toThrow(expect.objectContaining({ status: 403 }));
  });

  it('four eyes: the proposer may neither approve, reject nor return the proposal', () => {
    const dual = scope([Role.STAFF, Role.APPROVER], 'u-1');
    expect(APPLICATION_LIFECYCLE.allowedActions(ApplicationStatus.DECISION_PROPOSED, dual, { firstActorId: 'u-1' })).toEqual([]);
    for (const action of ['approve', 'reject', 'returnProposal'] as const) {
      expect(() => APPLICATION_LIFECYCLE.transition(ApplicationStatus.DECISION_PROPOSED, action, dual, { firstActorId: 'u-1' })).toThrow(
        expect.objectContaining({ code: 'DECISION_SAME_APPROVER', status: 403 }),
      );
    }
  });
});
