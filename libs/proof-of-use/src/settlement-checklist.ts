import { ChecklistEntry, ChecklistPoint, checklistGaps, DomainError, FieldError, missingDetail, plural } from '@foerderfluss/core';
import type { ProofReview } from './proof-review.entity';

/**
 * What the Prüfvermerk a Festsetzung rests on says, as a checklist (issue 16): the cursory check
 * (DOMAIN §2 step 7), the sample of the in-depth check and the completed Prüfvermerk with its
 * conclusion. Codes with their German labels, as data.
 */
export const SETTLEMENT_CHECKLIST = [
  { code: 'CURSORY_COMPLETE', label: 'Verwendungsnachweis vollständig (Sachbericht, zahlenmäßiger Nachweis, Belegliste)' },
  { code: 'CURSORY_PLAUSIBLE', label: 'Angaben plausibel, Summen rechnerisch richtig' },
  { code: 'CURSORY_PURPOSE_ACHIEVED', label: 'Zuwendungszweck erreicht (Sachbericht)' },
  { code: 'SAMPLE_CHECKED', label: 'Stichprobe gezogen und jeder Beleg der Stichprobe entschieden' },
  { code: 'REVIEW_COMPLETED', label: 'Prüfvermerk abgeschlossen' },
] as const satisfies readonly ChecklistPoint[];

export type SettlementChecklistCode = (typeof SETTLEMENT_CHECKLIST)[number]['code'];

const result = (v: boolean | null): ChecklistEntry['result'] => (v === null ? 'OPEN' : v ? 'OK' : 'NOT_OK');

/**
 * The checklist read off the Prüfvermerk: the cursory answers as they were given (their notes with
 * the purpose), the sample decided or not needed, and the conclusion of the completed review.
 */
export function settlementChecklist(review: ProofReview | null, receipts: { total: number; sampled: number; openInSample: number }): ChecklistEntry[] {
  const cursory = review?.cursory ?? { complete: null, plausible: null, purposeAchieved: null, notes: null };
  const sample: ChecklistEntry =
    receipts.total === 0
      ? { code: 'SAMPLE_CHECKED', result: 'NOT_APPLICABLE', note: 'keine Belege' }
      : !review?.sampleSeed
        ? { code: 'SAMPLE_CHECKED', result: 'OPEN', note: null }
        : receipts.openInSample > 0
          ? { code: 'SAMPLE_CHECKED', result: 'OPEN', note: `${receipts.openInSample} ${plural(receipts.openInSample, 'Beleg', 'Belege')} der Stichprobe offen` }
          : { code: 'SAMPLE_CHECKED', result: 'OK', note: `${receipts.sampled} von ${receipts.total} ${plural(receipts.total, 'Beleg', 'Belegen')} geprüft (Startwert ${review.sampleSeed})` };
  return [
    { code: 'CURSORY_COMPLETE', result: result(cursory.complete), note: null },
    { code: 'CURSORY_PLAUSIBLE', result: result(cursory.plausible), note: null },
    { code: 'CURSORY_PURPOSE_ACHIEVED', result: result(cursory.purposeAchieved), note: cursory.notes },
    sample,
    { code: 'REVIEW_COMPLETED', result: review?.status === 'COMPLETED' ? 'OK' : 'OPEN', note: review?.status === 'COMPLETED' ? review.conclusion : null },
  ];
}

/**
 * A Festsetzung goes to the second pair of eyes with the Prüfvermerk's checklist decided and a
 * Votum that says why Z is right. The completed Prüfvermerk cannot be edited any more, so a point
 * answered "nicht erfüllt" there needs no further Vermerk here; the Votum explains it.
 */
export function settlementProposalGaps(checklist: ChecklistEntry[], votumReasons: string | null | undefined): FieldError[] {
  const errors = checklistGaps(SETTLEMENT_CHECKLIST, checklist, { noteOnNotOk: false });
  if (!votumReasons?.trim()) errors.push({ path: 'votum.reasons', message: 'Die Begründung der Festsetzung (Votum) fehlt.' });
  return errors;
}

export function settlementProposalIncomplete(errors: FieldError[]): DomainError {
  const points = SETTLEMENT_CHECKLIST.filter((p) => errors.some((e) => e.path === `checklist.${p.code}`)).map((p) => `„${p.label}“`);
  const missing = [
    ...(points.length > 0 ? [`${plural(points.length, 'der Prüfpunkt', `${points.length} Prüfpunkte`)} ${points.join(', ')}`] : []),
    ...(errors.some((e) => e.path === 'votum.reasons') ? ['die Begründung (Votum)'] : []),
  ];
  return new DomainError('SETTLEMENT_PROPOSAL_INCOMPLETE', 409, missingDetail('Die Festsetzung kann noch nicht zur Freigabe vorgeschlagen werden.', missing), errors);
}
