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

/**
 * True when the connection is ready, waiting up to `timeoutMs` for a connect in progress (right
 * after boot the client is still connecting). When Redis is away, answers false within the wait.
 */
export async function redisReady(redis: Redis, timeoutMs: number): Promise<boolean> {
  if (redis.status === 'ready') return true;
  if (redis.status === 'end' || redis.status === 'close') return false;
  return new Promise<boolean>((resolve) => {
    const done = (ok: boolean): void => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      resolve(ok);
    };
    const onReady = (): void => done(true);
    const timer = setTimeout(() => done(redis.status === 'ready'), timeoutMs);
    redis.once('ready', onReady);
  });
}
