import { CalendarDate } from '@foerderfluss/core';
import type { RuleFlag } from './flags';

/**
 * Vorzeitiger Maßnahmebeginn (DOMAIN §2 step 4).
 *
 * - Reference date = the written consent to early start (Zustimmung) if it predates the decision,
 *   else the decision date. A consent dated on or after the decision adds nothing and is ignored.
 * - eligibleFrom = max(periodStart, reference date): a Beleg dated before it is not eligible.
 * - approvalBlocked when the project was begun strictly before the decision and there is no
 *   consent, or strictly before the consent (a start on the consent or decision day is allowed).
 */
export interface EligibilityStartInput {
  periodStart: CalendarDate;
  decisionDate: CalendarDate;
  earlyStartConsentDate?: CalendarDate;
  projectBegunOn?: CalendarDate;
}

export interface EligibilityStartResult {
  eligibleFrom: CalendarDate;
  approvalBlocked: boolean;
  flags: RuleFlag[];
}

export function determineEligibilityStart(input: EligibilityStartInput): EligibilityStartResult {
  const { periodStart, decisionDate, earlyStartConsentDate: consent, projectBegunOn: begun } = input;
  const flags: RuleFlag[] = [];
  const consentCounts = consent !== undefined && consent.isBefore(decisionDate);
  const reference = consentCounts ? consent : decisionDate;
  const eligibleFrom = CalendarDate.max(periodStart, reference);

  if (consent && !consentCounts) {
    flags.push({
      code: 'CONSENT_NOT_BEFORE_DECISION',
      message: `Die Zustimmung zum vorzeitigen Maßnahmebeginn vom ${consent.toGermanString()} liegt nicht vor der Bewilligung vom ${decisionDate.toGermanString()} und bleibt unberücksichtigt.`,
    });
  }
  if (consentCounts && reference.isAfter(periodStart)) {
    flags.push({
      code: 'ELIGIBLE_FROM_CONSENT',
      message: `Vorzeitiger Maßnahmebeginn zugelassen: Ausgaben sind erst ab der Zustimmung vom ${reference.toGermanString()} förderfähig.`,
    });
  } else if (consentCounts) {
    flags.push({
      code: 'EARLY_START_CONSENT',
      message: `Vorzeitiger Maßnahmebeginn zugelassen (Zustimmung vom ${reference.toGermanString()}): Ausgaben sind ab Beginn des Bewilligungszeitraums am ${periodStart.toGermanString()} förderfähig.`,
    });
  } else if (decisionDate.isAfter(periodStart)) {
    flags.push({
      code: 'ELIGIBLE_FROM_DECISION',
      message: `Ohne Zustimmung zum vorzeitigen Maßnahmebeginn sind Ausgaben erst ab der Bewilligung vom ${decisionDate.toGermanString()} förderfähig, nicht ab Beginn des Bewilligungszeitraums am ${periodStart.toGermanString()}.`,
    });
  }

  let approvalBlocked = false;
  if (begun && begun.isBefore(reference)) {
    approvalBlocked = true;
    flags.push(
      consentCounts
        ? {
            code: 'PROJECT_BEGUN_BEFORE_CONSENT',
            message: `Das Vorhaben wurde am ${begun.toGermanString()} und damit vor der Zustimmung zum vorzeitigen Maßnahmebeginn vom ${reference.toGermanString()} begonnen; eine Bewilligung ist ausgeschlossen.`,
          }
        : {
            code: 'PROJECT_BEGUN_BEFORE_APPROVAL',
            message: `Das Vorhaben wurde am ${begun.toGermanString()} vor der Bewilligung vom ${decisionDate.toGermanString()} ohne Zustimmung zum vorzeitigen Maßnahmebeginn begonnen; eine Bewilligung ist ausgeschlossen.`,
          },
    );
  }
  return { eligibleFrom, approvalBlocked, flags };
}

/** A Beleg is eligible from `eligibleFrom` on (and, for the caller to check, up to the period end). */
export function isReceiptDateEligible(receiptDate: CalendarDate, eligibleFrom: CalendarDate): boolean {
  return receiptDate.isOnOrAfter(eligibleFrom);
}
