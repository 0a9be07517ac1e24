import { Global, Module, Provider } from '@nestjs/common';
import { LETTER_RENDER_QUEUE, type LetterRenderQueue } from '@foerderfluss/exports';
import { jobId, JobProducer } from '@foerderfluss/jobs';

const RENDER = 'letters.render' as const;

/** The letters lib's render queue, on BullMQ: one `letters.render` job per letter and job key. */
export const letterRenderQueueProvider: Provider = {
  provide: LETTER_RENDER_QUEUE,
  inject: [JobProducer],
  useFactory: (jobs: JobProducer): LetterRenderQueue => ({
    enqueue: async (documentId, jobKey) => (await jobs.enqueue(RENDER, { documentId }, jobId(RENDER, jobKey))).id,
  }),
};

/** Global, so the LettersModule's service finds the queue the worker provides (the lib may not import libs/jobs). */
@Global()
@Module({ providers: [letterRenderQueueProvider], exports: [LETTER_RENDER_QUEUE] })
export class LetterRenderQueueModule {}
