import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditChainHead } from './audit-chain-head.entity';
import { AuditEvent } from './audit-event.entity';
import { AuditVerification } from './audit-verification.entity';
import { AuditService } from './audit.service';
import { AuditVerificationService } from './audit-verification.service';
import { AuditedActions } from './audited-action';
import { AuditEventRepository } from './audit-event.repository';
import { AuditVerificationRepository } from './audit-verification.repository';

export const AUDIT_ENTITIES = [AuditEvent, AuditChainHead, AuditVerification];

@Global()
@Module({
  imports: [TypeOrmModule.forFeature(AUDIT_ENTITIES)],
  providers: [AuditEventRepository, AuditVerificationRepository, AuditService, AuditVerificationService, AuditedActions],
  exports: [AuditEventRepository, AuditVerificationRepository, AuditService, AuditVerificationService, AuditedActions],
})
export class AuditModule {}
