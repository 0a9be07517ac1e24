import fc from 'fast-check';
import { DomainError, Role, Scope } from '@foerderfluss/core';
import {
  PROOF_ACTIONS,
  PROOF_LIFECYCLE,
  PROOF_REVIEW_LIFECYCLE,
  ProofAction,
  proofAllowedActions,
  ProofReviewAction,
  ProofReviewStatus,
  proofReviewTransition,
  ProofStatus,
  proofTransition,
  STATE_PROOF_ACTIONS,
  STATE_PROOF_LIFECYCLE,
  StateProofStatus,
  stateProofTransition,
} from './proof-state';

const scopeOf = (...roles: Role[]): Scope => ({ userId: `user-${roles.join('-')}`, email: null, roles, organisationId: roles.includes(Role.PROVIDER) ? 'org-1' : null, requestId: null });
const ADMIN = scopeOf(Role.ADMIN);
const STAFF = scopeOf(Role.STAFF);
const APPROVER = scopeOf(Role.APPROVER);
const PROVIDER = scopeOf(Role.PROVIDER);
const AUDITOR = scopeOf(Role.AUDITOR);
/** Someone who holds every role, so only the table decides. */
const EVERYONE = scopeOf(Role.ADMIN, Role.STAFF, Role.APPROVER, Role.PROVIDER);

const STATUSES = Object.values(ProofStatus);

describe('proof of use lifecycle (table)', () => {
  it('knows exactly the declared statuses and actions', () => {
    expect(PROOF_LIFECYCLE.statuses.sort()).toEqual([...STATUSES].sort());
    expect(PROOF_LIFECYCLE.actions.sort()).toEqual([...PROOF_ACTIONS].sort());
  });

  it.each([
    [ProofStatus.DRAFT, 'update', ProofStatus.DRAFT, PROVIDER],
    [ProofStatus.DRAFT, 'submit', ProofStatus.SUBMITTED, PROVIDER],
    [ProofStatus.SUBMITTED, 'startReview', ProofStatus.IN_REVIEW, STAFF],
    [ProofStatus.IN_REVIEW, 'editReview', ProofStatus.IN_REVIEW, STAFF],
    [ProofStatus.IN_REVIEW, 'completeReview', ProofStatus.REVIEWED, ADMIN],
    [ProofStatus.REVIEWED, 'proposeSettlement', ProofStatus.REVIEWED, STAFF],
    [ProofStatus.REVIEWED, 'settle', ProofStatus.SETTLED, APPROVER],
  ] as const)('%s --%s--> %s', (from, action, to, scope) => {
    expect(proofTransition(from, action, scope)).toBe(to);
  });

  it('keeps the established refusals: PROOF_NOT_EDITABLE for the draft steps, PROOF_ILLEGAL_STATE for the review', () => {
    expect(() => proofTransition(ProofStatus.SUBMITTED, 'update', PROVIDER)).toThrow(expect.objectContaining({ code: 'PROOF_NOT_EDITABLE', status: 409 }));
    expect(() => proofTransition(ProofStatus.SUBMITTED, 'submit', PROVIDER)).toThrow(expect.objectContaining({ code: 'PROOF_NOT_EDITABLE', status: 409 }));
    // staff never fill in a Träger's draft
    expect(() => proofTransition(ProofStatus.DRAFT, 'update', STAFF)).toThrow(expect.objectContaining({ code: 'PROOF_NOT_EDITABLE', status: 409 }));
    expect(() => proofTransition(ProofStatus.DRAFT, 'startReview', STAFF)).toThrow(
      expect.objectContaining({ code: 'PROOF_ILLEGAL_STATE', status: 409, detail: 'Nur ein eingereichter Verwendungsnachweis kann in Prüfung genommen werden.' }),
    );
    expect(() => proofTransition(ProofStatus.REVIEWED, 'completeReview', STAFF)).toThrow(
      expect.objectContaining({ code: 'PROOF_ILLEGAL_STATE', status: 409, detail: 'Der Verwendungsnachweis ist nicht (mehr) in Prüfung.' }),
    );
    expect(() => proofTransition(ProofStatus.IN_REVIEW, 'settle', APPROVER)).toThrow(expect.objectContaining({ code: 'PROOF_ILLEGAL_TRANSITION', status: 409 }));
    // a step in the table but not for this role: 403
    expect(() => proofTransition(ProofStatus.SUBMITTED, 'startReview', PROVIDER)).toThrow(expect.objectContaining({ status: 403 }));
    expect(() => proofTransition(ProofStatus.IN_REVIEW, 'completeReview', AUDITOR)).toThrow(expect.objectContaining({ status: 403 }));
  });

  it('random action sequences never reach an undeclared status, and every step not in the table is a 409', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PROOF_ACTIONS), { maxLength: 40 }), (actions: ProofAction[]) => {
        let status: ProofStatus = ProofStatus.DRAFT;
        for (const action of actions) {
          const inTable = PROOF_LIFECYCLE.step(status, action) !== undefined;
          try {
            status = proofTransition(status, action, EVERYONE);
            expect(inTable).toBe(true);
          } catch (e) {
            expect(inTable).toBe(false);
            expect(e).toBeInstanceOf(DomainError);
            expect((e as DomainError).status).toBe(409);
          }
          expect(STATUSES).toContain(status);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('no step leaves SETTLED', () => {
    for (const action of PROOF_ACTIONS) expect(PROOF_LIFECYCLE.step(ProofStatus.SETTLED, action)).toBeUndefined();
  });

  it('allowedActions: the Träger its draft steps, staff the review steps, approvers and auditors nothing on the proof', () => {
    expect(proofAllowedActions(ProofStatus.DRAFT, 'FINAL', PROVIDER)).toEqual(['update', 'submit']);
    expect(proofAllowedActions(ProofStatus.DRAFT, 'FINAL', STAFF)).toEqual([]);
    expect(proofAllowedActions(ProofStatus.SUBMITTED, 'FINAL', PROVIDER)).toEqual([]);
    expect(proofAllowedActions(ProofStatus.SUBMITTED, 'FINAL', STAFF)).toEqual(['startReview']);
    expect(proofAllowedActions(ProofStatus.IN_REVIEW, 'FINAL', ADMIN)).toEqual(['editReview', 'completeReview']);
    expect(proofAllowedActions(ProofStatus.REVIEWED, 'FINAL', STAFF)).toEqual(['proposeSettlement']);
    // a Zwischennachweis is never settled; settle is taken through the Festsetzung, never offered
    expect(proofAllowedActions(ProofStatus.REVIEWED, 'INTERIM', STAFF)).toEqual([]);
    expect(proofAllowedActions(ProofStatus.REVIEWED, 'FINAL', APPROVER)).toEqual([]);
    expect(proofAllowedActions(ProofStatus.IN_REVIEW, 'FINAL', AUDITOR)).toEqual([]);
    expect(proofAllowedActions(ProofStatus.SETTLED, 'FINAL', EVERYONE)).toEqual([]);
  });
});

describe('Prüfvermerk lifecycle (table)', () => {
  const STATES: ProofReviewStatus[] = ['IN_PROGRESS', 'COMPLETED'];
  it('random sequences stay within IN_PROGRESS/COMPLETED and refuse every step out of COMPLETED with 409', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom<ProofReviewAction>('edit', 'complete'), { maxLength: 20 }), (actions) => {
        let status: ProofReviewStatus = 'IN_PROGRESS';
        for (const action of actions) {
          const inTable = PROOF_REVIEW_LIFECYCLE.step(status, action) !== undefined;
          try {
            status = proofReviewTransition(status, action, STAFF);
            expect(inTable).toBe(true);
          } catch (e) {
            expect(inTable).toBe(false);
            expect((e as DomainError).status).toBe(409);
          }
          expect(STATES).toContain(status);
        }
      }),
    );
  });
});

describe('state proof lifecycle (table)', () => {
  it('random sequences stay within DRAFT/SUBMITTED and refuse every step not in the table with 409', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...STATE_PROOF_ACTIONS), { maxLength: 20 }), (actions) => {
        let status: StateProofStatus = 'DRAFT';
        for (const action of actions) {
          const inTable = STATE_PROOF_LIFECYCLE.step(status, action) !== undefined;
          try {
            status = stateProofTransition(status, action, EVERYONE);
            expect(inTable).toBe(true);
          } catch (e) {
            expect(inTable).toBe(false);
            expect((e as DomainError).status).toBe(409);
          }
          expect(['DRAFT', 'SUBMITTED']).toContain(status);
        }
      }),
    );
  });

  it('staff enter the own costs, the approver submits', () => {
    expect(STATE_PROOF_LIFECYCLE.allowedActions('DRAFT', STAFF)).toEqual(['setOwnCosts']);
    expect(STATE_PROOF_LIFECYCLE.allowedActions('DRAFT', APPROVER)).toEqual(['submit']);
    expect(() => stateProofTransition('DRAFT', 'submit', STAFF)).toThrow(expect.objectContaining({ status: 403 }));
    expect(STATE_PROOF_LIFECYCLE.allowedActions('SUBMITTED', EVERYONE)).toEqual([]);
  });
});
