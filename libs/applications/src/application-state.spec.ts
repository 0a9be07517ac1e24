import { APPLICATION_TRANSITIONS, ApplicationStatus, nextStatus } from './application-state';

describe('application lifecycle', () => {
  it.each([
    [ApplicationStatus.DRAFT, 'submit', ApplicationStatus.SUBMITTED],
    [ApplicationStatus.CHANGES_REQUESTED, 'submit', ApplicationStatus.SUBMITTED],
    [ApplicationStatus.SUBMITTED, 'startReview', ApplicationStatus.IN_REVIEW],
    [ApplicationStatus.IN_REVIEW, 'requestChanges', ApplicationStatus.CHANGES_REQUESTED],
    [ApplicationStatus.IN_REVIEW, 'proposeDecision', ApplicationStatus.DECISION_PROPOSED],
    [ApplicationStatus.DECISION_PROPOSED, 'approve', ApplicationStatus.APPROVED],
    [ApplicationStatus.DECISION_PROPOSED, 'reject', ApplicationStatus.REJECTED],
    [ApplicationStatus.DECISION_PROPOSED, 'returnProposal', ApplicationStatus.IN_REVIEW],
    [ApplicationStatus.IN_REVIEW, 'withdraw', ApplicationStatus.WITHDRAWN],
  ] as const)('%s --%s--> %s', (from, action, to) => {
    expect(nextStatus(from, action)).toBe(to);
  });

  it.each([
    [ApplicationStatus.WITHDRAWN, 'approve'],
    [ApplicationStatus.APPROVED, 'withdraw'],
    [ApplicationStatus.REJECTED, 'submit'],
    [ApplicationStatus.DRAFT, 'approve'],
    [ApplicationStatus.SUBMITTED, 'submit'],
    [ApplicationStatus.DECISION_PROPOSED, 'withdraw'],
  ] as const)('%s cannot %s (409 with German detail)', (from, action) => {
    expect(() => nextStatus(from, action)).toThrow(expect.objectContaining({ code: 'APPLICATION_ILLEGAL_TRANSITION', status: 409 }));
  });

  it('no transition leaves a final state', () => {
    for (const table of Object.values(APPLICATION_TRANSITIONS)) {
      for (const from of [ApplicationStatus.APPROVED, ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN]) {
        expect(table[from]).toBeUndefined();
      }
    }
  });
});
