import { SetMetadata } from '@nestjs/common';
import type { JobName, JobPayloads } from './job-names';

export const JOB_HANDLER_METADATA = 'foerderfluss:job-handler';

/** What a handler sees of a job: no BullMQ types leak into the handlers. */
export interface JobContext<N extends JobName = JobName> {
  id: string;
  name: N;
  data: JobPayloads[N];
  attemptsMade: number;
  updateProgress(percent: number): Promise<void>;
  /** Rows this attempt processed (export rows written, import rows read), for the worker's rows counters. */
  countRows(rows: number): void;
}

export interface JobHandler<N extends JobName = JobName> {
  handle(job: JobContext<N>): Promise<unknown>;
  /** Called once the last retry failed, to make the failure visible in the business record. */
  onFinalFailure?(job: JobContext<N>, error: Error): Promise<void>;
}

/** Marks a provider as the one handler of a job name. */
export const HandlesJob = (name: JobName): ClassDecorator => SetMetadata(JOB_HANDLER_METADATA, name);
