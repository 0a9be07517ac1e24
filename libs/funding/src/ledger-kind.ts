/**
 * What a ledger entry does to the budget year's balances. The kinds are the vocabulary every
 * business module posts in (decisions, payments, settlement); the table below is the only
 * place that knows which balance each kind moves.
 */
export enum LedgerKind {
  /** Money made available: the Land's Zuweisung (Land share) or the Kreis's own share. */
  ALLOCATION = 'ALLOCATION',
  /** A decision (Bescheid/Vertrag) promises money to a Träger. */
  COMMITMENT = 'COMMITMENT',
  /** Änderungsbescheid: the difference, positive or negative. */
  COMMITMENT_CHANGE = 'COMMITMENT_CHANGE',
  /** Withdrawn or reduced commitment (Widerruf, Verzicht, Festsetzung below the commitment). */
  RELEASE = 'RELEASE',
  /**
   * Freigabe zur Auszahlung (Auszahlungsanordnung) of a Mittelabruf under four eyes: the money is
   * "angewiesen", not yet "ausgezahlt". Reserves the amount against the commitment.
   */
  DISBURSEMENT = 'DISBURSEMENT',
  /**
   * The bank executed the payment file that carried an approved payout: the money is "ausgezahlt",
   * booked with the value date of the file. Never more than was approved (DISBURSEMENT).
   */
  DISBURSEMENT_PAID = 'DISBURSEMENT_PAID',
  RECOVERY_DUE = 'RECOVERY_DUE',
  RECOVERY_RECEIVED = 'RECOVERY_RECEIVED',
  /** Money received from the Land (Mittelabruf des Kreises). */
  STATE_DRAWDOWN = 'STATE_DRAWDOWN',
  /** Money returned to the Land. */
  STATE_REFUND = 'STATE_REFUND',
}

export const LEDGER_KINDS = Object.values(LedgerKind);

export type BalanceBucket =
  | 'allocated'
  | 'committed'
  | 'disbursed'
  | 'paid'
  | 'recoveriesDue'
  | 'recoveriesReceived'
  | 'receivedFromState'
  | 'refundedToState';

export interface KindRule {
  bucket: BalanceBucket;
  /** +1 adds the entry's shares to the bucket, −1 subtracts them. */
  direction: 1 | -1;
  /** Signed kinds take negative amounts as a matter of course; others only as a correction. */
  signed: boolean;
  /** The money is the Land's alone (no Kreis share). */
  stateOnly: boolean;
  /** Refused once the budget year is closed. */
  blockedWhenClosed: boolean;
  /** German label for lists and errors. */
  label: string;
}

export const KIND_RULES: Readonly<Record<LedgerKind, KindRule>> = {
  ALLOCATION: { bucket: 'allocated', direction: 1, signed: true, stateOnly: false, blockedWhenClosed: true, label: 'Mittelbereitstellung' },
  COMMITMENT: { bucket: 'committed', direction: 1, signed: false, stateOnly: false, blockedWhenClosed: true, label: 'Bewilligung' },
  COMMITMENT_CHANGE: { bucket: 'committed', direction: 1, signed: true, stateOnly: false, blockedWhenClosed: true, label: 'Änderung der Bewilligung' },
  RELEASE: { bucket: 'committed', direction: -1, signed: false, stateOnly: false, blockedWhenClosed: false, label: 'Freigabe' },
  DISBURSEMENT: { bucket: 'disbursed', direction: 1, signed: false, stateOnly: false, blockedWhenClosed: true, label: 'Auszahlungsanordnung' },
  // Booking what the bank already executed stays possible after the year is closed: it is a fact, not a new promise.
  DISBURSEMENT_PAID: { bucket: 'paid', direction: 1, signed: false, stateOnly: false, blockedWhenClosed: false, label: 'ausgeführte Auszahlung' },
  RECOVERY_DUE: { bucket: 'recoveriesDue', direction: 1, signed: false, stateOnly: false, blockedWhenClosed: false, label: 'Rückforderung' },
  RECOVERY_RECEIVED: { bucket: 'recoveriesReceived', direction: 1, signed: false, stateOnly: false, blockedWhenClosed: false, label: 'Rückzahlungseingang' },
  STATE_DRAWDOWN: { bucket: 'receivedFromState', direction: 1, signed: false, stateOnly: true, blockedWhenClosed: false, label: 'Mittelabruf beim Land' },
  STATE_REFUND: { bucket: 'refundedToState', direction: 1, signed: false, stateOnly: true, blockedWhenClosed: false, label: 'Erstattung an das Land' },
};
