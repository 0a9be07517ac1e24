import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Redis } from 'ioredis';
import { DatabaseHealth } from '@foerderfluss/database';
import { REDIS_PRODUCER, redisReady } from '@foerderfluss/jobs';
import { MIGRATIONS } from '../../../../migrations';
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
    private readonly database: DatabaseHealth,
  ) {}

  /**
   * Liveness for orchestrators: the process is up and its event loop answers. Deliberately checks
   * no dependency, so a database outage does not make an orchestrator restart healthy processes.
   */
  @Public()
  @Get('live')
  @ApiOkResponse({ description: 'Der Prozess läuft' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * Readiness: database and Redis answer and the database carries every migration this build
   * knows. An instance started against an older schema (migrations not yet run) takes no traffic.
   */
  @Public()
  @Get('ready')
  @HealthCheck()
  @ApiOkResponse({ description: 'Bereit: Datenbank und Redis erreichbar, Migrationen aktuell' })
  @ApiServiceUnavailableResponse({ description: 'Nicht bereit (problem+json)' })
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.db.pingCheck('database', { timeout: CHECK_TIMEOUT_MS }),
      () => this.redisCheck(),
      () => this.migrationsCheck(),
    ]);
  }

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

  private async migrationsCheck() {
    const session = this.indicators.check('migrations');
    try {
      const { applied, pending } = await this.database.pendingMigrations(MIGRATIONS.map((m) => m.name));
      return pending.length === 0 ? session.up({ applied }) : session.down({ message: 'pending', pending });
    } catch {
      return session.down({ message: 'not readable' });
    }
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
