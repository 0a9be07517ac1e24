import { ChecklistPoint, checklistGaps, DomainError, FieldError, missingDetail, plural } from '@foerderfluss/core';
import type { ApplicationReviewDoc, VotumRecommendation } from './application.entity';

/**
 * The Prüfcheckliste of an Antrag (DOMAIN §2 step 2) as data: each point's code and its one German
 * label. The API's enum, the approver's view and the 409 of an incomplete proposal read it here.
 */
export const APPLICATION_CHECKLIST = [
  { code: 'FORMAL_COMPLETE', label: 'Antrag vollständig' },
  { code: 'FORMAL_SIGNED', label: 'rechtsverbindlich unterschrieben' },
  { code: 'FORMAL_DEADLINE_MET', label: 'Frist eingehalten' },
  { code: 'FORMAL_PROVIDER_ELIGIBLE', label: 'Träger antragsberechtigt' },
  { code: 'SUBJECT_FITS_FIELD', label: 'passt zum Handlungsfeld' },
  { code: 'SUBJECT_LOCAL_NEED', label: 'Bedarf im Sozialraum belegt' },
  { code: 'SUBJECT_COSTS_PLAUSIBLE', label: 'Kosten plausibel' },
] as const satisfies readonly ChecklistPoint[];

export type ApplicationChecklistCode = (typeof APPLICATION_CHECKLIST)[number]['code'];
export const APPLICATION_CHECKLIST_CODES: readonly ApplicationChecklistCode[] = APPLICATION_CHECKLIST.map((p) => p.code);

export const VOTUM_LABEL: Readonly<Record<VotumRecommendation, string>> = { APPROVE: 'Bewilligung', APPROVE_PARTIAL: 'Teilbewilligung', REJECT: 'Ablehnung' };

/**
 * What a Bewilligung or Ablehnung needs before it goes to the second pair of eyes (issue 16):
 * every checklist point decided (a NOT_OK one with a Vermerk), and a Votum with a reason that
 * matches the proposal: a Bewilligung rests on "Bewilligung" or "Teilbewilligung", an Ablehnung on
 * "Ablehnung". An empty list means ready.
 */
export function proposalGaps(review: ApplicationReviewDoc | null, outcome: 'GRANT' | 'REJECTION'): FieldError[] {
  const errors = checklistGaps(APPLICATION_CHECKLIST, review?.checklist);
  const votum = review?.votum ?? null;
  if (!votum) {
    errors.push({ path: 'votum.recommendation', message: 'Es ist noch kein Votum abgegeben.' });
  } else if (outcome === 'GRANT' && votum.recommendation === 'REJECT') {
    errors.push({ path: 'votum.recommendation', message: 'Das Votum lautet „Ablehnung“; eine Bewilligung braucht das Votum „Bewilligung“ oder „Teilbewilligung“.' });
  } else if (outcome === 'REJECTION' && votum.recommendation !== 'REJECT') {
    errors.push({ path: 'votum.recommendation', message: `Das Votum lautet „${VOTUM_LABEL[votum.recommendation]}“; eine Ablehnung braucht das Votum „Ablehnung“.` });
  }
  if (!votum?.reasons?.trim()) errors.push({ path: 'votum.reasons', message: 'Die Begründung des Votums fehlt.' });
  return errors;
}

/** 409 naming every missing point (German detail and one field error each). */
export function proposalIncomplete(errors: FieldError[], outcome: 'GRANT' | 'REJECTION'): DomainError {
  const points = errors.filter((e) => e.path.startsWith('checklist.')).map((e) => APPLICATION_CHECKLIST.find((p) => `checklist.${p.code}` === e.path)?.label ?? e.path);
  const missing: string[] = [];
  if (points.length > 0) missing.push(`${plural(points.length, 'der Prüfpunkt', `${points.length} Prüfpunkte`)} ${points.map((p) => `„${p}“`).join(', ')}`);
  if (errors.some((e) => e.path === 'votum.recommendation')) missing.push('ein passendes Votum');
  if (errors.some((e) => e.path === 'votum.reasons')) missing.push('die Begründung des Votums');
  return new DomainError(
    'DECISION_PROPOSAL_INCOMPLETE',
    409,
    missingDetail(`${outcome === 'GRANT' ? 'Die Bewilligung' : 'Die Ablehnung'} kann noch nicht zur Freigabe vorgeschlagen werden.`, missing),
    errors,
  );
}
