import IORedis, { Redis } from 'ioredis';

/**
 * Producer connections fail fast (no offline queue, one retry) so an api request never hangs
 * when Redis is away; worker connections wait forever (maxRetriesPerRequest null, as BullMQ
 * requires for blocking commands). Both keep reconnecting in the background.
 */
export function createRedisConnection(url: string, purpose: 'producer' | 'worker'): Redis {
  const common = {
    connectTimeout: 2000,
    lazyConnect: false,
    retryStrategy: (times: number) => Math.min(times * 200, 2000),
    connectionName: `foerderfluss-${purpose}`,
  };
  return purpose === 'producer'
    ? new IORedis(url, { ...common, enableOfflineQueue: false, maxRetriesPerRequest: 1 })
    : new IORedis(url, { ...common, maxRetriesPerRequest: null });
}
