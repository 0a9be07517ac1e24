import { Injectable } from '@nestjs/common';
import { DunningService } from '@foerderfluss/proof-of-use';
import { HandlesJob, JobContext, JobHandler } from '@foerderfluss/jobs';

const SCAN = 'recoveries.dunning-scan' as const;

/**
 * Mahnwesen: writes the Mahnungen due today (each once: a unique level per recovery), each with its
 * letter (queued after its commit) and the Träger's notification, in its own transaction.
 */
@Injectable()
@HandlesJob(SCAN)
export class DunningScanProcessor implements JobHandler<typeof SCAN> {
  constructor(private readonly dunning: DunningService) {}

  async handle(job: JobContext<typeof SCAN>): Promise<unknown> {
    const issued = await this.dunning.scan(job.id);
    return { issued: issued.length, first: issued.filter((d) => d.level === 1).length, second: issued.filter((d) => d.level === 2).length };
  }
}
