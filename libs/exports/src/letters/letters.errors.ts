import { DomainError } from '@foerderfluss/core';
import type { GeneratedDocument } from './generated-document.entity';

/**
 * A letter model the renderer cannot print faithfully: a malformed amount or date, or figures that
 * contradict each other (a plan whose Ausgaben and Finanzierung differ, a source split that does not
 * add up to the Höchstbetrag). A programming or data error upstream: a Bescheid with wrong figures
 * must never be produced. The message is German because it ends up as the visible error of the job.
 */
export class LetterModelError extends Error {
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`Briefdaten, Feld "${path}": ${detail}`);
    this.name = 'LetterModelError';
  }
}

export const letterNotFound = (): DomainError => new DomainError('LETTER_NOT_FOUND', 404, 'Das Schreiben wurde nicht gefunden.');
export const letterNotReady = (doc: Pick<GeneratedDocument, 'status' | 'error'>): DomainError =>
  doc.status === 'FAILED'
    ? new DomainError('LETTER_FAILED', 409, `Das Schreiben konnte nicht erzeugt werden: ${doc.error ?? 'unbekannter Fehler'}`)
    : new DomainError('LETTER_NOT_READY', 409, 'Das Schreiben wird gerade erzeugt. Bitte versuchen Sie es in wenigen Sekunden erneut.');
export const noLetterForDecision = (): DomainError =>
  new DomainError('LETTER_NOT_AVAILABLE', 409, 'Zu dieser Entscheidung gibt es noch kein Schreiben: Es ist keine Fassung freigegeben.');
export const proofReviewNotCompleted = (): DomainError =>
  new DomainError('LETTER_NOT_AVAILABLE', 409, 'Der Prüfvermerk zu diesem Verwendungsnachweis ist noch nicht abgeschlossen.');
/** „Schreiben jetzt erzeugen“ with nothing missing and nothing failed: says what there is instead. */
export const lettersNothingToDo = (stillRendering: number): DomainError =>
  new DomainError(
    'LETTERS_NOTHING_TO_DO',
    409,
    stillRendering > 0
      ? `Es ist nichts neu zu erzeugen: ${stillRendering === 1 ? 'Ein Schreiben wird' : `${stillRendering} Schreiben werden`} gerade erzeugt und ${stillRendering === 1 ? 'erscheint' : 'erscheinen'} in wenigen Sekunden.`
      : 'Es ist nichts neu zu erzeugen: Alle Schreiben liegen bereits vor.',
  );
