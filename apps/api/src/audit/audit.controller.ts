import { randomUUID } from 'node:crypto';
import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DomainError, Role } from '@foerderfluss/core';
import { AuditCheckpointService, AuditService, AuditVerificationService } from '@foerderfluss/audit';
import { type AuthenticatedUser, UsersService } from '@foerderfluss/identity';
import { jobId, JobProducer } from '@foerderfluss/jobs';
import { CurrentUser, Roles } from '../auth/decorators';
import { uuidPipe } from '../common/uuid.pipe';
import {
  AuditCheckpointDto,
  AuditCheckpointPageDto,
  AuditEventPageDto,
  AuditQueryDto,
  AuditVerificationDto,
  AuditVerificationPageDto,
  ChainVerificationDto,
  toAuditEventDto,
  toChainVerificationDto,
  toCheckpointDto,
  toVerificationDto,
} from './audit.dto';
import { ListQueryDto } from '../common/dto';

@ApiTags('audit')
@ApiBearerAuth()
@Roles(Role.ADMIN, Role.AUDITOR)
@Controller('audit-events')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly verifications: AuditVerificationService,
    private readonly checkpoints: AuditCheckpointService,
    private readonly jobs: JobProducer,
    private readonly users: UsersService,
  ) {}

  @Get()
  @ApiOkResponse({ type: AuditEventPageDto })
  async list(@CurrentUser() user: AuthenticatedUser, @Query() q: AuditQueryDto): Promise<AuditEventPageDto> {
    const page = await this.audit.list(user, {
      entity: q.entity,
      entityId: q.entityId,
      actorId: q.actor,
      action: q.action,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      limit: q.limit,
      cursor: q.cursor,
    });
    const names = await this.users.displayNames(page.items.map((e) => e.actorId));
    return { items: page.items.map((e) => toAuditEventDto(e, e.actorId ? (names.get(e.actorId) ?? null) : null)), nextCursor: page.nextCursor };
  }

  /**
   * Prüft die Hash-Kette sofort und meldet das erste gebrochene Glied; dazu, ob die neuesten signierten
   * Prüfpunkte (Datenbank und Dateispeicher) noch zur Kette passen.
   */
  @Get('verify')
  @ApiOkResponse({ type: ChainVerificationDto })
  async verify(): Promise<ChainVerificationDto> {
    return toChainVerificationDto(await this.checkpoints.verify());
  }

  /**
   * Prüft die Kette und signiert ihren Kopf sofort mit dem Schlüssel außerhalb der Datenbank (sonst
   * nächtlich, AUDIT_CHECKPOINT_CRON); der Prüfpunkt wird auch als Datei im Dateispeicher abgelegt.
   */
  @Post('checkpoints')
  @Roles(Role.ADMIN)
  @ApiCreatedResponse({ type: AuditCheckpointDto })
  @ApiConflictResponse({ description: 'Die Kette ist gebrochen oder passt nicht zum letzten Prüfpunkt; es wird nichts signiert (problem+json)' })
  async createCheckpoint(@CurrentUser() user: AuthenticatedUser): Promise<AuditCheckpointDto> {
    return toCheckpointDto(await this.checkpoints.create(user, { trigger: 'MANUAL' }));
  }

  @Get('checkpoints')
  @ApiOkResponse({ type: AuditCheckpointPageDto })
  async listCheckpoints(@CurrentUser() user: AuthenticatedUser, @Query() q: ListQueryDto): Promise<AuditCheckpointPageDto> {
    const page = await this.checkpoints.list(user, q.limit, q.cursor);
    return { items: page.items.map(toCheckpointDto), nextCursor: page.nextCursor };
  }

  /** Startet eine Prüfung im Hintergrund (Worker); das Ergebnis wird gespeichert. */
  @Post('verifications')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: AuditVerificationDto })
  async requestVerification(@CurrentUser() user: AuthenticatedUser): Promise<AuditVerificationDto> {
    const row = await this.verifications.request(user, randomUUID(), async (id) => {
      const job = await this.jobs.enqueue('audit.verify-chain', { verificationId: id }, jobId('audit.verify-chain', id));
      return job.id;
    });
    return toVerificationDto(row);
  }

  @Get('verifications')
  @ApiOkResponse({ type: AuditVerificationPageDto })
  async listVerifications(@CurrentUser() user: AuthenticatedUser, @Query() q: ListQueryDto): Promise<AuditVerificationPageDto> {
    const page = await this.verifications.list(user, q.limit, q.cursor);
    return { items: page.items.map(toVerificationDto), nextCursor: page.nextCursor };
  }

  @Get('verifications/:id')
  @ApiOkResponse({ type: AuditVerificationDto })
  async getVerification(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<AuditVerificationDto> {
    const row = await this.verifications.get(user, id);
    if (!row) throw new DomainError('NOT_FOUND', 404, 'Die Prüfung wurde nicht gefunden.');
    return toVerificationDto(row);
  }
}
