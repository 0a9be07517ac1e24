import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, AppConfig } from '@foerderfluss/core';
import { createRedisConnection } from './redis';
import { JobProducer, REDIS_PRODUCER } from './job-producer.service';
import { JobsAdminService } from './jobs-admin.service';

@Global()
@Module({
  providers: [
    {
      provide: REDIS_PRODUCER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): Redis => {
        const redis = createRedisConnection(config.redisUrl, 'producer');
        // Connection errors are reported by health and by enqueue; don't crash or spam.
        redis.on('error', () => undefined);
        return redis;
      },
    },
    JobProducer,
    JobsAdminService,
  ],
  exports: [REDIS_PRODUCER, JobProducer, JobsAdminService],
})
export class JobsModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS_PRODUCER) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }
}

