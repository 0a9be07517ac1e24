import { Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { JOB_HANDLER_METADATA, JOB_NAMES, JobHandler, JobName } from '@foerderfluss/jobs';

/**
 * Finds every provider marked @HandlesJob and maps job names to handlers. Refuses to start
 * when a declared job has no handler, has two, or a handler names an undeclared job.
 */
@Injectable()
export class JobRegistry {
  private handlers: Map<JobName, JobHandler> | null = null;

  constructor(private readonly discovery: DiscoveryService) {}

  /** Handler names as found (duplicates kept), for the contract test. */
  discoveredNames(): string[] {
    return this.discovery
      .getProviders()
      .filter((w) => w.metatype && w.instance)
      .map((w) => Reflect.getMetadata(JOB_HANDLER_METADATA, w.metatype as object) as string | undefined)
      .filter((n): n is string => typeof n === 'string');
  }

  resolve(): Map<JobName, JobHandler> {
    if (this.handlers) return this.handlers;
    const map = new Map<JobName, JobHandler>();
    const problems: string[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      if (!wrapper.metatype || !wrapper.instance) continue;
      const name = Reflect.getMetadata(JOB_HANDLER_METADATA, wrapper.metatype as object) as JobName | undefined;
      if (!name) continue;
      if (!JOB_NAMES.includes(name)) problems.push(`handler for undeclared job "${name}"`);
      if (map.has(name)) problems.push(`two handlers for job "${name}"`);
      map.set(name, wrapper.instance as JobHandler);
    }
    for (const name of JOB_NAMES) if (!map.has(name)) problems.push(`no handler for job "${name}"`);
    if (problems.length > 0) throw new Error(`job registry: ${problems.join('; ')}`);
    this.handlers = map;
    return map;
  }
}
