import fc from 'fast-check';
import { DomainError, Role, type Scope, systemScope } from '@foerderfluss/core';
import { conditionalStep } from '../lifecycle-steps';
import type { DocumentStatus } from './generated-document.entity';
import { assertLetterDownloadable, LETTER_LIFECYCLE, letterAllowedActions, type LetterAction } from './letter-state';

const STATUSES: DocumentStatus[] = ['PENDING', 'RENDERING', 'COMPLETED', 'FAILED'];
const ACTIONS: LetterAction[] = ['start', 'complete', 'fail', 'retry', 'download'];
const system = systemScope();
const provider: Scope = { userId: 'u1', email: 'traeger@example.org', roles: [Role.PROVIDER], organisationId: 'o1', requestId: null };
const auditor: Scope = { userId: 'u3', email: 'rpa@example.org', roles: [Role.AUDITOR], organisationId: null, requestId: null };
const staff: Scope = { userId: 'u2', email: 'sb@example.org', roles: [Role.STAFF], organisationId: null, requestId: null };

describe('letter lifecycle (table)', () => {
  it('random action sequences never reach an undeclared status; every step not in the table is a 409 LETTER_ILLEGAL_TRANSITION', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ACTIONS), { maxLength: 30 }), (actions) => {
        let status: DocumentStatus = 'PENDING';
        for (const action of actions) {
          if (LETTER_LIFECYCLE.step(status, action)) {
            status = LETTER_LIFECYCLE.transition(status, action, system);
          } else {
            let error: unknown;
            try {
              LETTER_LIFECYCLE.transition(status, action, system);
            } catch (err) {
              error = err;
            }
            expect(error).toBeInstanceOf(DomainError);
            expect(error).toMatchObject({ status: 409, code: 'LETTER_ILLEGAL_TRANSITION' });
          }
          expect(STATUSES).toContain(status);
        }
      }),
    );
  });

  it('a completed letter is never taken, marked failed or completed again; the worker steps are not a user’s', () => {
    expect(conditionalStep(LETTER_LIFECYCLE, 'start', system)).toEqual({ from: ['PENDING', 'RENDERING', 'FAILED'], to: 'RENDERING' });
    expect(conditionalStep(LETTER_LIFECYCLE, 'complete', system)).toEqual({ from: ['PENDING', 'RENDERING', 'FAILED'], to: 'COMPLETED' });
    expect(conditionalStep(LETTER_LIFECYCLE, 'fail', system)).toEqual({ from: ['PENDING', 'RENDERING', 'FAILED'], to: 'FAILED' });
    expect(conditionalStep(LETTER_LIFECYCLE, 'retry', system)).toEqual({ from: ['FAILED'], to: 'PENDING' });
    expect(() => conditionalStep(LETTER_LIFECYCLE, 'fail', provider)).toThrow(expect.objectContaining({ status: 403 }));
  });

  it('allowedActions: download once completed, for every reader; retry of a failed one for the Kreis that asks for letters', () => {
    for (const scope of [provider, auditor]) {
      for (const status of STATUSES) expect(letterAllowedActions({ status }, scope)).toEqual(status === 'COMPLETED' ? ['download'] : []);
    }
    for (const status of STATUSES) {
      expect(letterAllowedActions({ status }, staff)).toEqual(status === 'COMPLETED' ? ['download'] : status === 'FAILED' ? ['retry'] : []);
    }
    expect(() => LETTER_LIFECYCLE.transition('FAILED', 'retry', auditor)).toThrow(expect.objectContaining({ status: 403 }));
    expect(() => LETTER_LIFECYCLE.transition('PENDING', 'retry', staff)).toThrow(expect.objectContaining({ status: 409, code: 'LETTER_ILLEGAL_TRANSITION' }));
    expect(() => assertLetterDownloadable({ status: 'PENDING', error: null, storageKey: null }, provider)).toThrow(expect.objectContaining({ code: 'LETTER_NOT_READY', status: 409 }));
    expect(() => assertLetterDownloadable({ status: 'FAILED', error: 'x', storageKey: null }, provider)).toThrow(expect.objectContaining({ code: 'LETTER_FAILED', status: 409 }));
    expect(() => assertLetterDownloadable({ status: 'COMPLETED', error: null, storageKey: 'letters/x.pdf' }, provider)).not.toThrow();
  });
});
