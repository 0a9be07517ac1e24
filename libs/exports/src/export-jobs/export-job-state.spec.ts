import fc from 'fast-check';
import { DomainError, Role, type Scope, systemScope } from '@foerderfluss/core';
import { conditionalStep } from '../lifecycle-steps';
import { assertDownloadable, EXPORT_JOB_LIFECYCLE, exportJobAllowedActions, type ExportJobAction } from './export-job-state';
import { EXPORT_STATUSES, type ExportStatus } from './export-types';

const ACTIONS: ExportJobAction[] = ['claim', 'requeue', 'complete', 'fail', 'download'];
const system = systemScope();
const provider: Scope = { userId: 'u1', email: 'traeger@example.org', roles: [Role.PROVIDER], organisationId: 'o1', requestId: null };
const staff: Scope = { userId: 'u2', email: 'staff@example.org', roles: [Role.STAFF], organisationId: null, requestId: null };

describe('export job lifecycle (table)', () => {
  it('random action sequences never reach an undeclared status; every step not in the table is a 409 EXPORT_ILLEGAL_TRANSITION', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ACTIONS), { maxLength: 40 }), (actions) => {
        let status: ExportStatus = 'QUEUED';
        for (const action of actions) {
          const step = EXPORT_JOB_LIFECYCLE.step(status, action);
          if (step) {
            status = EXPORT_JOB_LIFECYCLE.transition(status, action, step.roles.includes(Role.PROVIDER) ? provider : system);
          } else {
            let error: unknown;
            try {
              EXPORT_JOB_LIFECYCLE.transition(status, action, system);
            } catch (err) {
              error = err;
            }
            expect(error).toBeInstanceOf(DomainError);
            expect(error).toMatchObject({ status: 409, code: 'EXPORT_ILLEGAL_TRANSITION' });
          }
          expect(EXPORT_STATUSES).toContain(status);
        }
      }),
    );
  });

  it('the worker steps as conditional updates: claim from QUEUED or a crashed RUNNING, never out of COMPLETED', () => {
    expect(conditionalStep(EXPORT_JOB_LIFECYCLE, 'claim', system)).toEqual({ from: ['QUEUED', 'RUNNING'], to: 'RUNNING' });
    expect(conditionalStep(EXPORT_JOB_LIFECYCLE, 'requeue', system)).toEqual({ from: ['RUNNING'], to: 'QUEUED' });
    expect(conditionalStep(EXPORT_JOB_LIFECYCLE, 'complete', system)).toEqual({ from: ['RUNNING'], to: 'COMPLETED' });
    expect(conditionalStep(EXPORT_JOB_LIFECYCLE, 'fail', system).from).not.toContain('COMPLETED');
    // a user's scope may not take the worker's steps
    expect(() => conditionalStep(EXPORT_JOB_LIFECYCLE, 'complete', provider)).toThrow(expect.objectContaining({ status: 403 }));
  });

  it('allowedActions: download once completed and the file is still there, for Träger and staff alike; never a worker step', () => {
    for (const scope of [provider, staff, system]) {
      for (const status of EXPORT_STATUSES) {
        expect(exportJobAllowedActions({ status, fileDeletedAt: null }, scope)).toEqual(status === 'COMPLETED' ? ['download'] : []);
      }
      expect(exportJobAllowedActions({ status: 'COMPLETED', fileDeletedAt: new Date() }, scope)).toEqual([]);
    }
  });

  it('a download before completion keeps its established refusals', () => {
    expect(() => assertDownloadable('QUEUED', provider)).toThrow(expect.objectContaining({ code: 'EXPORT_NOT_READY', status: 409 }));
    expect(() => assertDownloadable('RUNNING', provider)).toThrow(expect.objectContaining({ code: 'EXPORT_NOT_READY', status: 409 }));
    expect(() => assertDownloadable('FAILED', provider)).toThrow(expect.objectContaining({ code: 'EXPORT_FAILED', status: 409 }));
    expect(() => assertDownloadable('COMPLETED', provider)).not.toThrow();
  });
});
