import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Redis } from 'ioredis';
import { AuditCheckpointService, AuditVerificationService } from '@foerderfluss/audit';
import { DatabaseHealth } from '@foerderfluss/database';
import { JobsAdminService, REDIS_PRODUCER, redisReady } from '@foerderfluss/jobs';
import { HealthReportDto } from './health.dto';
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
    private readonly jobs: JobsAdminService,
    private readonly verifications: AuditVerificationService,
    private readonly checkpoints: AuditCheckpointService,
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
  // Our HealthReportDto documents the answer, not terminus' generic schema.
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOkResponse({ description: 'Bereit: Datenbank und Redis erreichbar, Migrationen aktuell', type: HealthReportDto })
  @ApiServiceUnavailableResponse({ description: 'Nicht bereit (problem+json)' })
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.db.pingCheck('database', { timeout: CHECK_TIMEOUT_MS }),
      () => this.redisCheck(),
      () => this.migrationsCheck(),
    ]);
  }

  /**
   * Zustand von Datenbank und Redis (503, wenn eines davon nicht erreichbar ist), dazu zur Auskunft
   * die Wartezeit der Warteschlangen und das Alter der letzten Prüfung der Audit-Kette.
   */
  @Public()
  @Get()
  // Our HealthReportDto documents the answer, not terminus' generic schema.
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOkResponse({ description: 'Alle Abhängigkeiten erreichbar; mit Warteschlangen-Verzug und Alter der Audit-Prüfung', type: HealthReportDto })
  @ApiServiceUnavailableResponse({ description: 'Mindestens eine Abhängigkeit ist nicht erreichbar (problem+json)' })
  check(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.db.pingCheck('database', { timeout: CHECK_TIMEOUT_MS }),
      () => this.redisCheck(),
      () => this.queuesInfo(),
      () => this.auditVerificationInfo(),
    ]);
  }

  /**
   * Queue lag (issue 17 item 7). Information only: it stays "up" whatever it reads, so a backlog or
   * a Redis outage (reported by its own check) does not take the api out of a load balancer twice.
   */
  private async queuesInfo() {
    const session = this.indicators.check('queues');
    try {
      const queues = await withTimeout(this.jobs.lag());
      return session.up({ queues, maxLagSeconds: Math.max(0, ...queues.map((q) => q.oldestWaitingSeconds)) });
    } catch {
      return session.up({ message: 'not readable' });
    }
  }

  /**
   * Age of the last finished audit-chain verification (the source of ff_audit_verification_age_seconds)
   * and of the newest signed checkpoint (issue 18); information only.
   */
  private async auditVerificationInfo() {
    const session = this.indicators.check('auditVerification');
    try {
      const [f, c] = await withTimeout(Promise.all([this.verifications.freshness(), this.checkpoints.freshness()]));
      return session.up({
        lastFinishedAt: f.finishedAt?.toISOString() ?? null,
        ageSeconds: Number.isFinite(f.ageSeconds) ? Math.round(f.ageSeconds) : null,
        valid: f.valid,
        lastCheckpointAt: c.createdAt?.toISOString() ?? null,
        checkpointAgeSeconds: Number.isFinite(c.ageSeconds) ? Math.round(c.ageSeconds) : null,
      });
    } catch {
      return session.up({ message: 'not readable' });
    }
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
      await withTimeout(this.redis.ping());
      return session.up();
    } catch {
      return session.down({ message: 'no answer' });
    }
  }
}

/** The value, or a rejection after CHECK_TIMEOUT_MS: a probe answers in time or says so. */
async function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
