import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { LetterDocumentsService, LetterModelError } from '@foerderfluss/exports';
import { HandlesJob, JobContext, JobHandler, jobId, JobProducer } from '@foerderfluss/jobs';

const RENDER = 'letters.render' as const;
const SCAN = 'letters.scan' as const;

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
        await this.letters.markFailed(job.data.documentId, err.message);
        throw new UnrecoverableError(err.message);
      }
      throw err;
    }
  }

  async onFinalFailure(job: JobContext<typeof RENDER>, error: Error): Promise<void> {
    await this.letters.markFailed(job.data.documentId, error.message);
  }
}

/**
 * The sweep behind automatic letters: creates the letters still missing for approved decision
 * versions, recoveries and completed Prüfvermerke, and queues every letter still PENDING (also those
 * whose job was lost). Job ids from the document ids keep each letter to one job.
 */
@Injectable()
@HandlesJob(SCAN)
export class LettersScanProcessor implements JobHandler<typeof SCAN> {
  private readonly logger = new Logger('Letters');

  constructor(
    private readonly letters: LetterDocumentsService,
    private readonly jobs: JobProducer,
  ) {}

  async handle(job: JobContext<typeof SCAN>): Promise<unknown> {
    const created = await this.letters.createMissing(job.id);
    const pending = await this.letters.pendingIds();
    await this.letters.dispatch(pending, async (documentId) => (await this.jobs.enqueue(RENDER, { documentId }, jobId(RENDER, documentId))).id);
    if (created.length > 0) this.logger.log(`${created.length} letter(s) scheduled`);
    return { created: created.length, queued: pending.length };
  }
}
