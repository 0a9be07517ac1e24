import fc from 'fast-check';
import { DomainError, Role, type Scope, systemScope } from '@foerderfluss/core';
import { conditionalStep } from '../lifecycle-steps';
import type { DocumentStatus } from './generated-document.entity';
import { assertLetterDownloadable, LETTER_LIFECYCLE, letterAllowedActions, type LetterAction } from './letter-state';

const STATUSES: DocumentStatus[] = ['PENDING', 'COMPLETED', 'FAILED'];
const ACTIONS: LetterAction[] = ['complete', 'fail', 'download'];
const system = systemScope();
const provider: Scope = { userId: 'u1', email: 'traeger@example.org', roles: [Role.PROVIDER], organisationId: 'o1', requestId: null };
const auditor: Scope = { userId: 'u3', email: 'rpa@example.org', roles: [Role.AUDITOR], organisationId: null, requestId: null };

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

  it('a completed letter is never marked failed or completed again; the worker steps are not a user’s', () => {
    expect(conditionalStep(LETTER_LIFECYCLE, 'complete', system)).toEqual({ from: ['PENDING', 'FAILED'], to: 'COMPLETED' });
    expect(conditionalStep(LETTER_LIFECYCLE, 'fail', system)).toEqual({ from: ['PENDING', 'FAILED'], to: 'FAILED' });
    expect(() => conditionalStep(LETTER_LIFECYCLE, 'fail', provider)).toThrow(expect.objectContaining({ status: 403 }));
  });

  it('allowedActions: download once completed, for every reader; refusals keep LETTER_NOT_READY and LETTER_FAILED', () => {
    for (const scope of [provider, auditor]) {
      for (const status of STATUSES) expect(letterAllowedActions({ status }, scope)).toEqual(status === 'COMPLETED' ? ['download'] : []);
    }
    expect(() => assertLetterDownloadable({ status: 'PENDING', error: null, storageKey: null }, provider)).toThrow(expect.objectContaining({ code: 'LETTER_NOT_READY', status: 409 }));
    expect(() => assertLetterDownloadable({ status: 'FAILED', error: 'x', storageKey: null }, provider)).toThrow(expect.objectContaining({ code: 'LETTER_FAILED', status: 409 }));
    expect(() => assertLetterDownloadable({ status: 'COMPLETED', error: null, storageKey: 'letters/x.pdf' }, provider)).not.toThrow();
  });
});
