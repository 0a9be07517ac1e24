import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { fileStorageProvider } from '@foerderfluss/database';
import { AuditChainHead } from './audit-chain-head.entity';
import { AuditEvent } from './audit-event.entity';
import { AuditVerification } from './audit-verification.entity';
import { AuditService } from './audit.service';
import { AuditVerificationService } from './audit-verification.service';
import { AuditedActions } from './audited-action';
import { AuditEventRepository } from './audit-event.repository';
import { AuditVerificationRepository } from './audit-verification.repository';
import { AuditCheckpoint } from './audit-checkpoint.entity';
import { AuditCheckpointRepository } from './audit-checkpoint.repository';
import { AUDIT_FILE_STORAGE, AuditCheckpointService } from './audit-checkpoint.service';

export const AUDIT_ENTITIES = [AuditEvent, AuditChainHead, AuditVerification, AuditCheckpoint];

@Global()
@Module({
  imports: [TypeOrmModule.forFeature(AUDIT_ENTITIES)],
  providers: [
    AuditEventRepository,
    AuditVerificationRepository,
    AuditCheckpointRepository,
    AuditService,
    AuditVerificationService,
    AuditCheckpointService,
    AuditedActions,
    fileStorageProvider(AUDIT_FILE_STORAGE),
  ],
  exports: [AuditEventRepository, AuditVerificationRepository, AuditCheckpointRepository, AuditService, AuditVerificationService, AuditCheckpointService, AuditedActions],
})
export class AuditModule {}
