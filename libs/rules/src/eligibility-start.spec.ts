import { CalendarDate } from '@foerderfluss/core';
import { determineEligibilityStart, isReceiptDateEligible } from './eligibility-start';

const d = (s: string) => CalendarDate.parse(s);

describe('determineEligibilityStart (vorzeitiger Maßnahmebeginn)', () => {
  // [name, periodStart, decision, consent, begun, eligibleFrom, blocked, flag codes]
  it.each<[string, string, string, string | undefined, string | undefined, string, boolean, string[]]>([
    ['decision after period start', '2026-01-01', '2026-02-15', undefined, undefined, '2026-02-15', false, ['ELIGIBLE_FROM_DECISION']],
    ['decision before period start', '2026-01-01', '2025-12-10', undefined, undefined, '2026-01-01', false, []],
    ['decision on period start', '2026-01-01', '2026-01-01', undefined, undefined, '2026-01-01', false, []],
    ['consent before period start', '2026-01-01', '2026-02-15', '2025-11-20', undefined, '2026-01-01', false, ['EARLY_START_CONSENT']],
    ['consent inside the period', '2026-01-01', '2026-02-15', '2026-01-10', undefined, '2026-01-10', false, ['ELIGIBLE_FROM_CONSENT']],
    ['consent after decision is ignored', '2026-01-01', '2026-02-15', '2026-03-01', undefined, '2026-02-15', false, ['CONSENT_NOT_BEFORE_DECISION', 'ELIGIBLE_FROM_DECISION']],
    ['begun before decision without consent', '2026-01-01', '2026-02-15', undefined, '2026-01-05', '2026-02-15', true, ['ELIGIBLE_FROM_DECISION', 'PROJECT_BEGUN_BEFORE_APPROVAL']],
    ['begun the day before the decision', '2026-01-01', '2026-02-15', undefined, '2026-02-14', '2026-02-15', true, ['ELIGIBLE_FROM_DECISION', 'PROJECT_BEGUN_BEFORE_APPROVAL']],
    ['begun on the decision day', '2026-01-01', '2026-02-15', undefined, '2026-02-15', '2026-02-15', false, ['ELIGIBLE_FROM_DECISION']],
    ['begun before the consent', '2026-01-01', '2026-02-15', '2026-01-10', '2026-01-05', '2026-01-10', true, ['ELIGIBLE_FROM_CONSENT', 'PROJECT_BEGUN_BEFORE_CONSENT']],
    ['begun on the consent day', '2026-01-01', '2026-02-15', '2026-01-10', '2026-01-10', '2026-01-10', false, ['ELIGIBLE_FROM_CONSENT']],
    ['begun after consent, before decision', '2026-01-01', '2026-02-15', '2025-11-20', '2025-12-01', '2026-01-01', false, ['EARLY_START_CONSENT']],
    ['begun before decision, consent not before decision', '2026-01-01', '2026-02-15', '2026-02-15', '2026-02-01', '2026-02-15', true, ['CONSENT_NOT_BEFORE_DECISION', 'ELIGIBLE_FROM_DECISION', 'PROJECT_BEGUN_BEFORE_APPROVAL']],
  ])('%s', (_name, periodStart, decision, consent, begun, eligibleFrom, blocked, codes) => {
    const r = determineEligibilityStart({
      periodStart: d(periodStart),
      decisionDate: d(decision),
      earlyStartConsentDate: consent ? d(consent) : undefined,
      projectBegunOn: begun ? d(begun) : undefined,
    });
    expect(r.eligibleFrom.toISOString()).toBe(eligibleFrom);
    expect(r.approvalBlocked).toBe(blocked);
    expect(r.flags.map((f) => f.code)).toEqual(codes);
  });

  it('explains in German', () => {
    const r = determineEligibilityStart({ periodStart: d('2026-01-01'), decisionDate: d('2026-02-15'), projectBegunOn: d('2026-01-05') });
    expect(r.flags[1].message).toBe(
      'Das Vorhaben wurde am 05.01.2026 vor der Bewilligung vom 15.02.2026 ohne Zustimmung zum vorzeitigen Maßnahmebeginn begonnen; eine Bewilligung ist ausgeschlossen.',
    );
  });

  it('checks a Beleg date against eligibleFrom', () => {
    expect(isReceiptDateEligible(d('2026-02-14'), d('2026-02-15'))).toBe(false);
    expect(isReceiptDateEligible(d('2026-02-15'), d('2026-02-15'))).toBe(true);
  });
});
