import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Redis } from 'ioredis';
import { REDIS_PRODUCER, redisReady } from '@foerderfluss/jobs';
import { Public } from '../auth/decorators';

const CHECK_TIMEOUT_MS = 1500;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Inject(REDIS_PRODUCER) private readonly redis: Redis,
  ) {}

  /** Zustand von Datenbank und Redis; 503, wenn eines davon nicht erreichbar ist. */
  @Public()
  @Get()
  @HealthCheck()
  @ApiOkResponse({ description: 'Alle Abhängigkeiten erreichbar' })
  @ApiServiceUnavailableResponse({ description: 'Mindestens eine Abhängigkeit ist nicht erreichbar (problem+json)' })
  check(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.db.pingCheck('database', { timeout: CHECK_TIMEOUT_MS }),
      () => this.redisCheck(),
    ]);
  }

  private async redisCheck() {
    const session = this.indicators.check('redis');
    // Not connected within a short wait: answer instead of queueing a ping that cannot be sent.
    if (!(await redisReady(this.redis, 1000))) return session.down({ message: 'not connected' });
    try {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        this.redis.ping(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS);
        }),
      ]).finally(() => clearTimeout(timer));
      return session.up();
    } catch {
      return session.down({ message: 'no answer' });
    }
  }
}
