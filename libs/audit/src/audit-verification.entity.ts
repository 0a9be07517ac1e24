import { Check, Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Result of one chain verification (nightly job or on demand). */
@Entity('audit_verification')
@Check('ck_audit_verification_trigger', `trigger IN ('SCHEDULED', 'MANUAL')`)
@Check('ck_audit_verification_status', `status IN ('PENDING', 'COMPLETED', 'FAILED')`)
export class AuditVerification {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** BullMQ job id; unique so a retried job never stores its result twice. */
  @Column({ name: 'job_id', type: 'text', nullable: true, unique: true })
  jobId!: string | null;

  @Column({ type: 'text' })
  trigger!: 'SCHEDULED' | 'MANUAL';

  @Column({ type: 'text' })
  status!: 'PENDING' | 'COMPLETED' | 'FAILED';

  @Column({ name: 'requested_by', type: 'uuid', nullable: true })
  requestedBy!: string | null;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ type: 'boolean', nullable: true })
  valid!: boolean | null;

  @Column({ type: 'integer', nullable: true })
  checked!: number | null;

  @Column({ name: 'first_broken_id', type: 'bigint', nullable: true })
  firstBrokenId!: string | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;
}
