import type { ChecklistEntry } from '@foerderfluss/core';
import { PAYMENT_CHECKLIST } from '@foerderfluss/payments';

/**
 * The demo's sachliche Prüfung of a Mittelabruf: every point of "sachlich richtig" confirmed, with
 * the Prüfvermerk a Sachbearbeiterin writes (issue 16 asks for both before the second pair of eyes).
 */
export const SACHLICH_RICHTIG: { checklist: ChecklistEntry[]; note: string } = {
  checklist: PAYMENT_CHECKLIST.map((p) => ({ code: p.code, result: 'OK', note: null })),
  note: 'Fällige Zahlungen anhand der Aufstellung geprüft; Bedarf im Abrufzeitraum, Betrag im Rahmen des Bescheids, Bankverbindung bestätigt.',
};
