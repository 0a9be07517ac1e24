import fc from 'fast-check';
import { DomainError, Lifecycle, Role, Scope } from '@foerderfluss/core';
import { DISBURSEMENT_ACTIONS, disbursementLifecycle, DisbursementStatus } from './disbursement-state';
import { PAYMENT_REQUEST_ACTIONS, paymentRequestLifecycle, PaymentRequestStatus } from './payment-request-state';
import { paymentFileLifecycle } from './payment-file-state';
import { stateDrawdownLifecycle } from './state-drawdown-state';

const scopeOf = (roles: Role[], userId = 'u-1'): Scope => ({ userId, email: null, roles, organisationId: null, requestId: null });
const everyone = scopeOf([Role.ADMIN, Role.STAFF, Role.APPROVER, Role.PROVIDER]);

function refusal(fn: () => unknown): DomainError | null {
  try {
    fn();
    return null;
  } catch (e) {
    return e as DomainError;
  }
}

/** Random action sequences from the start: every step is either in the table or a 409, and no undeclared status is reached. */
function walk<S extends string, A extends string>(lifecycle: Lifecycle<S, A>, start: S, actions: readonly A[], codePrefix: string): void {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...actions), { maxLength: 30 }), (sequence) => {
      let status = start;
      for (const action of sequence) {
        const step = lifecycle.step(status, action);
        const error = refusal(() => lifecycle.transition(status, action, everyone, { firstActorId: 'someone-else' }));
        if (step) {
          expect(error).toBeNull();
          status = step.to;
        } else {
          expect(error).toBeInstanceOf(DomainError);
          expect(error).toMatchObject({ code: `${codePrefix}_ILLEGAL_TRANSITION`, status: 409 });
        }
        expect(lifecycle.statuses).toContain(status);
      }
    }),
    { numRuns: 500 },
  );
}

describe('payment lifecycles', () => {
  it('Mittelabruf: random sequences stay inside the table; every other step is 409 PAYMENT_REQUEST_ILLEGAL_TRANSITION', () => {
    walk(paymentRequestLifecycle, PaymentRequestStatus.DRAFT, PAYMENT_REQUEST_ACTIONS, 'PAYMENT_REQUEST');
  });

  it('Auszahlung: random sequences stay inside the table; every other step is 409 DISBURSEMENT_ILLEGAL_TRANSITION', () => {
    walk(disbursementLifecycle, DisbursementStatus.APPROVED, DISBURSEMENT_ACTIONS, 'DISBURSEMENT');
  });

  it('Zahlungsdatei and Landesabruf: booked / received once', () => {
    walk(paymentFileLifecycle, 'CREATED', ['book'], 'PAYMENT_FILE');
    walk(stateDrawdownLifecycle, 'REQUESTED', ['receive'], 'STATE_DRAWDOWN');
  });

  it('every (status, action) pair not in the table is a 409 naming the status in German', () => {
    for (const status of paymentRequestLifecycle.statuses) {
      for (const action of PAYMENT_REQUEST_ACTIONS) {
        if (paymentRequestLifecycle.step(status, action)) continue;
        const e = refusal(() => paymentRequestLifecycle.transition(status, action, everyone));
        expect(e).toMatchObject({ code: 'PAYMENT_REQUEST_ILLEGAL_TRANSITION', status: 409, extensions: { requestStatus: status, action } });
        expect(e?.detail).toContain(`„${paymentRequestLifecycle.statusLabel(status)}“`);
      }
    }
  });

  it('four eyes: the checker may not approve (403 PAYMENT_SAME_APPROVER), another approver may', () => {
    const checker = scopeOf([Role.STAFF, Role.APPROVER], 'checker');
    const other = scopeOf([Role.APPROVER], 'other');
    const e = refusal(() => paymentRequestLifecycle.transition(PaymentRequestStatus.CHECKED, 'approve', checker, { firstActorId: 'checker' }));
    expect(e).toMatchObject({ code: 'PAYMENT_SAME_APPROVER', status: 403 });
    expect(e?.message).toMatch(/Vier-Augen-Prinzip/);
    expect(paymentRequestLifecycle.transition(PaymentRequestStatus.CHECKED, 'approve', other, { firstActorId: 'checker' })).toBe(PaymentRequestStatus.APPROVED);
    expect(paymentRequestLifecycle.allowedActions(PaymentRequestStatus.CHECKED, checker, { firstActorId: 'checker' })).toEqual(['reject']);
    expect(paymentRequestLifecycle.allowedActions(PaymentRequestStatus.CHECKED, other, { firstActorId: 'checker' })).toEqual(['approve', 'reject']);
  });

  it('roles: the Träger drafts, submits and withdraws; staff check; nobody else', () => {
    const provider = scopeOf([Role.PROVIDER]);
    const staff = scopeOf([Role.STAFF]);
    const auditor = scopeOf([Role.AUDITOR]);
    expect(paymentRequestLifecycle.allowedActions(PaymentRequestStatus.DRAFT, provider)).toEqual(['update', 'submit', 'withdraw']);
    expect(paymentRequestLifecycle.allowedActions(PaymentRequestStatus.DRAFT, staff)).toEqual([]);
    expect(paymentRequestLifecycle.allowedActions(PaymentRequestStatus.SUBMITTED, staff)).toEqual(['check', 'reject']);
    expect(paymentRequestLifecycle.allowedActions(PaymentRequestStatus.SUBMITTED, provider)).toEqual(['withdraw']);
    for (const status of paymentRequestLifecycle.statuses) expect(paymentRequestLifecycle.allowedActions(status, auditor)).toEqual([]);
    expect(refusal(() => paymentRequestLifecycle.transition(PaymentRequestStatus.SUBMITTED, 'check', provider))).toMatchObject({ status: 403 });
  });
});
