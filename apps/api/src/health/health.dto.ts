import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One check of terminus' report. */
export class HealthCheckDto {
  @ApiProperty({ enum: ['up', 'degraded', 'down'] }) status!: 'up' | 'degraded' | 'down';
  @ApiPropertyOptional({ description: 'Grund, wenn die Prüfung nicht „up“ ist oder nichts lesen konnte' }) message?: string;
}

export class QueueLagDto {
  @ApiProperty({ example: 'exports' }) queue!: string;
  @ApiProperty({ description: 'Aufträge, die auf einen Worker warten' }) waiting!: number;
  @ApiProperty({ description: 'Sekunden, die der älteste wartende Auftrag schon wartet (0, wenn keiner wartet)' }) oldestWaitingSeconds!: number;
}

/** Informational: never turns the health answer to 503 (Redis has its own check). */
export class QueuesHealthDto extends HealthCheckDto {
  @ApiPropertyOptional({ type: [QueueLagDto] }) queues?: QueueLagDto[];
  @ApiPropertyOptional({ description: 'Größte Wartezeit über alle Warteschlangen (Sekunden)' }) maxLagSeconds?: number;
}

/** Informational: the alert belongs in monitoring (ff_audit_verification_age_seconds), not in a load balancer. */
export class AuditVerificationHealthDto extends HealthCheckDto {
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String, description: 'Ende der letzten abgeschlossenen Prüfung der Audit-Kette; null: noch keine' })
  lastFinishedAt?: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Sekunden seit dieser Prüfung; null: noch keine' }) ageSeconds?: number | null;
  @ApiPropertyOptional({ description: 'Die letzte Prüfung fand die Kette unversehrt' }) valid?: boolean;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String, description: 'Zeitpunkt des neuesten signierten Prüfpunkts der Kette; null: noch keiner' })
  lastCheckpointAt?: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Sekunden seit diesem Prüfpunkt; null: noch keiner' }) checkpointAgeSeconds?: number | null;
}

export class HealthDetailsDto {
  @ApiPropertyOptional({ type: HealthCheckDto }) database?: HealthCheckDto;
  @ApiPropertyOptional({ type: HealthCheckDto }) redis?: HealthCheckDto;
  @ApiPropertyOptional({ type: HealthCheckDto, description: 'nur /health/ready' }) migrations?: HealthCheckDto;
  @ApiPropertyOptional({ type: QueuesHealthDto, description: 'nur /health' }) queues?: QueuesHealthDto;
  @ApiPropertyOptional({ type: AuditVerificationHealthDto, description: 'nur /health' }) auditVerification?: AuditVerificationHealthDto;
}

/** Terminus' report (200); a failed check answers 503 problem+json with `checks` instead. */
export class HealthReportDto {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status!: 'ok' | 'degraded';
  @ApiProperty({ type: HealthDetailsDto }) info!: HealthDetailsDto;
  @ApiProperty({ type: HealthDetailsDto }) error!: HealthDetailsDto;
  @ApiProperty({ type: HealthDetailsDto }) details!: HealthDetailsDto;
}
