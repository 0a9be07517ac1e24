import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { LetterDocumentsService, LetterModelError } from '@foerderfluss/exports';
import { HandlesJob, JobContext, JobHandler } from '@foerderfluss/jobs';

const RENDER = 'letters.render' as const;
const SCAN = 'letters.scan' as const;

/** The reason a Träger or a Sachbearbeiter reads when a letter could not be made (the list shows it). */
export function letterFailureText(error: Error, attempts: number): string {
  // A refused model already says in German which figure contradicts which.
  if (error instanceof LetterModelError) return error.message;
  return `Das Schreiben konnte nach ${attempts === 1 ? 'einem Versuch' : `${attempts} Versuchen`} nicht erzeugt werden (technischer Fehler: ${error.message}). Bitte „Erneut versuchen“ wählen oder die Administration informieren.`;
}

/** Renders one letter (PDF) and stores it; a letter already stored is left alone. */
@Injectable()
@HandlesJob(RENDER)
export class LettersRenderProcessor implements JobHandler<typeof RENDER> {
  constructor(private readonly letters: LetterDocumentsService) {}

  async handle(job: JobContext<typeof RENDER>): Promise<unknown> {
    try {
      const doc = await this.letters.render(job.data.documentId, job.id);
      return doc ? { status: doc.status, sha256: doc.sha256, pageCount: doc.pageCount } : { status: 'MISSING' };
    } catch (err) {
      // A model the renderer refuses (contradicting figures) will not improve by retrying.
      if (err instanceof LetterModelError) {
        await this.letters.markFailed(job.data.documentId, letterFailureText(err, job.attemptsMade + 1));
        throw new UnrecoverableError(err.message);
      }
      throw err;
    }
  }

  async onFinalFailure(job: JobContext<typeof RENDER>, error: Error): Promise<void> {
    // An UnrecoverableError carries the model's message; the row already says it.
    if (error instanceof UnrecoverableError) return;
    await this.letters.markFailed(job.data.documentId, letterFailureText(error, job.attemptsMade));
  }
}

/**
 * The safety net behind the letters written with their action: creates the letters still missing
 * (e.g. for data written before, or by a seed) and queues every letter still waiting, also those
 * whose job was lost while Redis was away. Job keys from the letters keep each to one job.
 */
@Injectable()
@HandlesJob(SCAN)
export class LettersScanProcessor implements JobHandler<typeof SCAN> {
  private readonly logger = new Logger('Letters');

  constructor(private readonly letters: LetterDocumentsService) {}

  async handle(job: JobContext<typeof SCAN>): Promise<unknown> {
    const created = await this.letters.createMissing(job.id);
    const waiting = await this.letters.waiting();
    await this.letters.dispatch(waiting);
    if (created.length > 0) this.logger.log(`${created.length} letter(s) scheduled`);
    return { created: created.length, queued: waiting.length };
  }
}
