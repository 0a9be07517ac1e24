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
