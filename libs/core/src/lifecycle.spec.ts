import fc from 'fast-check';
import { DomainError } from './domain-error';
import { Lifecycle } from './lifecycle';
import { Role, Scope } from './scope';

type S = 'DRAFT' | 'SUBMITTED' | 'CHECKED' | 'APPROVED' | 'REJECTED';
type A = 'update' | 'submit' | 'check' | 'approve' | 'reject';

const sameActor = (): DomainError => new DomainError('EXAMPLE_SAME_APPROVER', 403, 'Vier Augen.');
const lifecycle = new Lifecycle<S, A>(
  [
    { from: 'DRAFT', action: 'update', to: 'DRAFT', roles: [Role.PROVIDER] },
    { from: 'DRAFT', action: 'submit', to: 'SUBMITTED', roles: [Role.PROVIDER] },
    { from: 'SUBMITTED', action: 'check', to: 'CHECKED', roles: [Role.STAFF] },
    { from: 'CHECKED', action: 'approve', to: 'APPROVED', roles: [Role.APPROVER], fourEyes: true },
    { from: ['SUBMITTED', 'CHECKED'], action: 'reject', to: 'REJECTED', roles: [Role.STAFF] },
  ],
  {
    codePrefix: 'EXAMPLE',
    recordDe: 'Ein Beispiel',
    statusDe: { DRAFT: 'Entwurf', SUBMITTED: 'eingereicht', CHECKED: 'geprüft', APPROVED: 'freigegeben', REJECTED: 'abgelehnt' },
    actionDe: { update: 'geändert', submit: 'eingereicht', check: 'geprüft', approve: 'freigegeben', reject: 'abgelehnt' },
    sameActor,
  },
);

const person = (userId: string, ...roles: Role[]): Scope => ({ userId, email: null, roles, organisationId: null, requestId: null });
const staff = person('u-staff', Role.STAFF);
const approverA = person('u-a', Role.APPROVER);
const approverB = person('u-b', Role.APPROVER);
const provider = person('u-p', Role.PROVIDER);

describe('Lifecycle', () => {
  it('answers a step that is not in the table with 409 in German naming the status', () => {
    expect(() => lifecycle.next('APPROVED', 'submit')).toThrow(
      expect.objectContaining({ code: 'EXAMPLE_ILLEGAL_TRANSITION', status: 409, detail: 'Ein Beispiel im Status „freigegeben“ kann nicht eingereicht werden.' }),
    );
  });

  it('refuses a role the step does not name with 403', () => {
    expect(() => lifecycle.transition('SUBMITTED', 'check', provider)).toThrow(expect.objectContaining({ status: 403 }));
  });

  it('four eyes: the person who took the first step may not approve it; another may', () => {
    expect(() => lifecycle.transition('CHECKED', 'approve', approverA, { firstActorId: 'u-a' })).toThrow(
      expect.objectContaining({ code: 'EXAMPLE_SAME_APPROVER', status: 403 }),
    );
    expect(lifecycle.transition('CHECKED', 'approve', approverB, { firstActorId: 'u-a' })).toBe('APPROVED');
  });

  it('allowedActions: the proposer sees no approve, another approver does; Träger and staff see their own steps', () => {
    expect(lifecycle.allowedActions('CHECKED', approverA, { firstActorId: 'u-a' })).toEqual([]);
    expect(lifecycle.allowedActions('CHECKED', approverB, { firstActorId: 'u-a' })).toEqual(['approve']);
    expect(lifecycle.allowedActions('DRAFT', provider)).toEqual(['update', 'submit']);
    expect(lifecycle.allowedActions('SUBMITTED', staff)).toEqual(['check', 'reject']);
    expect(lifecycle.allowedActions('APPROVED', staff)).toEqual([]);
  });

  it('fourEyesBlocks: true only for the first actor who could otherwise take the four-eyes step', () => {
    expect(lifecycle.fourEyesBlocks('CHECKED', 'approve', approverA, { firstActorId: 'u-a' })).toBe(true);
    expect(lifecycle.fourEyesBlocks('CHECKED', 'approve', approverB, { firstActorId: 'u-a' })).toBe(false);
    // Not an approver at all, or no such step now: nothing four eyes would explain.
    expect(lifecycle.fourEyesBlocks('CHECKED', 'approve', person('u-a', Role.STAFF), { firstActorId: 'u-a' })).toBe(false);
    expect(lifecycle.fourEyesBlocks('SUBMITTED', 'approve', approverA, { firstActorId: 'u-a' })).toBe(false);
    expect(lifecycle.fourEyesBlocks('SUBMITTED', 'reject', staff, { firstActorId: 'u-staff' })).toBe(false);
  });

  it('property: random action sequences only ever reach declared statuses, and refused steps change nothing', () => {
    const declared = new Set<string>(lifecycle.transitions.map((t) => t.to).concat(['DRAFT']));
    fc.assert(
      fc.property(fc.array(fc.constantFrom<A>('update', 'submit', 'check', 'approve', 'reject'), { maxLength: 30 }), (actions) => {
        let status: S = 'DRAFT';
        for (const action of actions) {
          const step = lifecycle.step(status, action);
          if (step) {
            status = lifecycle.next(status, action);
          } else {
            expect(() => lifecycle.next(status, action)).toThrow(expect.objectContaining({ status: 409 }));
          }
          expect(declared.has(status)).toBe(true);
        }
      }),
    );
  });
});
