import { ChecklistEntry, ChecklistPoint, checklistGaps, DomainError, FieldError, missingDetail, plural } from '@foerderfluss/core';

/**
 * What "sachlich richtig" means for a Mittelabruf (DOMAIN §2 step 5), as the checker's checklist:
 * codes with their German labels, as data. The approver reads it beside the payout; the horizon of
 * the 2-Monats-Regel itself is a programme parameter, not part of the label's meaning.
 */
export const PAYMENT_CHECKLIST = [
  { code: 'DECISION_IN_FORCE', label: 'Bescheid oder Vertrag erlassen und in Kraft' },
  { code: 'AMOUNT_WITHIN_LIMIT', label: 'Betrag im Rahmen des Höchstbetrags und des abrufbaren Anteils' },
  { code: 'NEED_WITHIN_HORIZON', label: 'Bedarf für fällige Zahlungen im Abrufzeitraum belegt (2-Monats-Regel)' },
  { code: 'BANK_ACCOUNT_CONFIRMED', label: 'Bankverbindung des Trägers bestätigt' },
] as const satisfies readonly ChecklistPoint[];

export type PaymentChecklistCode = (typeof PAYMENT_CHECKLIST)[number]['code'];
export const PAYMENT_CHECKLIST_CODES: readonly PaymentChecklistCode[] = PAYMENT_CHECKLIST.map((p) => p.code);

/**
 * A check goes to the second pair of eyes with every point decided (a NOT_OK one with a Vermerk)
 * and a Prüfvermerk saying why the request is sachlich richtig (or why it was cut).
 */
export function paymentCheckGaps(checklist: readonly ChecklistEntry[] | null | undefined, note: string | null | undefined): FieldError[] {
  const errors = checklistGaps(PAYMENT_CHECKLIST, checklist);
  if (!note?.trim()) errors.push({ path: 'note', message: 'Bitte im Prüfvermerk begründen, warum der Abruf sachlich richtig ist.' });
  return errors;
}

export function paymentCheckIncomplete(errors: FieldError[]): DomainError {
  const points = PAYMENT_CHECKLIST.filter((p) => errors.some((e) => e.path === `checklist.${p.code}`)).map((p) => `„${p.label}“`);
  const missing = [
    ...(points.length > 0 ? [`${plural(points.length, 'der Prüfpunkt', `${points.length} Prüfpunkte`)} ${points.join(', ')}`] : []),
    ...(errors.some((e) => e.path === 'note') ? ['der Prüfvermerk (Begründung)'] : []),
  ];
  return new DomainError('PAYMENT_CHECK_INCOMPLETE', 409, missingDetail('Die sachliche Prüfung kann noch nicht abgeschlossen werden.', missing), errors);
}
