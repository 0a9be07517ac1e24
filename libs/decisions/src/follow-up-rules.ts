import { DomainError, Money } from '@foerderfluss/core';
import { DecisionStatus } from './decision-state';

/**
 * What hangs on a decision and may still be added or changed (issue 18): a reported use of the
 * money (§ 49a Abs. 4), a Mittelabruf, and the Träger's work on a Verwendungsnachweis (opening it,
 * the Sachbericht and Zahlen, Belege typed or imported, Anlagen, the submission).
 */
export type DecisionFollowUp = 'fundUse' | 'paymentRequest' | 'proofChange';

/**
 * The follow-ups each decision status permits, decided here once for every lib that books against
 * a decision. Only a decision in force takes new money flows or a changed VN:
 * - PROPOSED, RETURNED, REJECTED: nothing was granted (a Träger does not even see them);
 * - REVOKED: a Widerruf in full sets the Höchstbetrag to 0, so nothing can be used, requested or
 *   proven against it any more; what was paid is reclaimed by the Widerrufsbescheid. A VN the
 *   Träger had already submitted is still reviewed and settled by the office (`settle` from
 *   REVOKED), that is not the Träger's change;
 * - CLOSED: festgesetzt, nothing (more) to recover: the case is over.
 * A decision does not expire by itself: the end of the Bewilligungszeitraum is no reason to stop a
 * VN (which follows it by definition) or the report of a late use (it ends the interest); a
 * Mittelabruf after it is refused by its value date, which must lie within the period.
 */
export const DECISION_FOLLOW_UPS: Readonly<Record<DecisionStatus, readonly DecisionFollowUp[]>> = {
  [DecisionStatus.PROPOSED]: [],
  [DecisionStatus.RETURNED]: [],
  [DecisionStatus.REJECTED]: [],
  [DecisionStatus.IN_FORCE]: ['fundUse', 'paymentRequest', 'proofChange'],
  [DecisionStatus.REVOKED]: [],
  [DecisionStatus.CLOSED]: [],
};

export function decisionPermits(status: DecisionStatus, followUp: DecisionFollowUp): boolean {
  return DECISION_FOLLOW_UPS[status].includes(followUp);
}

const STATUS_PHRASE: Record<DecisionStatus, string> = {
  PROPOSED: 'ist noch nicht erlassen',
  RETURNED: 'ist noch nicht erlassen',
  REJECTED: 'ist eine Ablehnung',
  IN_FORCE: 'ist in Kraft',
  REVOKED: 'ist vollständig widerrufen',
  CLOSED: 'ist abgeschlossen (festgesetzt)',
};

const FOLLOW_UP_PHRASE: Record<DecisionFollowUp, string> = {
  fundUse: 'eine Mittelverwendung kann dafür nicht mehr erfasst werden',
  paymentRequest: 'Mittel können dafür nicht (mehr) abgerufen werden',
  proofChange: 'der Verwendungsnachweis kann nicht mehr geändert werden',
};

/** 409 naming the decision: the follow-up is not possible in the decision's status. Nothing is stored. */
export const decisionNotOpenFor = (status: DecisionStatus, followUp: DecisionFollowUp): DomainError => {
  const message = `Die Entscheidung ${STATUS_PHRASE[status]}; ${FOLLOW_UP_PHRASE[followUp]}.`;
  return new DomainError('DECISION_NOT_OPEN', 409, `${message} Es wurde nichts gespeichert.`, [{ path: 'decisionId', message }], { decisionStatus: status, followUp });
};

/** Throws `decisionNotOpenFor` unless the status permits the follow-up. */
export function assertDecisionPermits(status: DecisionStatus, followUp: DecisionFollowUp): void {
  if (!decisionPermits(status, followUp)) throw decisionNotOpenFor(status, followUp);
}

/**
 * Plausibility of one amount booked against a decision (a Beleg's project share, a fund use, a
 * Mittelabruf): more than 0,00 € (a zero Beleg or use records nothing) and not more than the
 * decision's Höchstbetrag (no single booking can exceed the whole grant; 9.999.999.999.999,99 € on
 * a 103.300 € Bescheid is a typing error, not a fact). German message, or null when plausible.
 * `what` names the amount in the message ("Der Betrag", "Der Projektanteil des Belegs").
 */
export function decisionAmountProblem(amount: Money, maxAmount: Money, what = 'Der Betrag'): string | null {
  if (!amount.isPositive()) return `${what} muss größer als 0,00 € sein.`;
  if (amount.greaterThan(maxAmount)) {
    return `${what} (${amount.formatEur()}) ist größer als der Höchstbetrag der Entscheidung (${maxAmount.formatEur()}). Bitte den Betrag prüfen.`;
  }
  return null;
}
