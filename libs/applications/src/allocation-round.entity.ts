import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { dateOnlyTransformer, TimestampedEntity } from '@foerderfluss/database';
import { FundingCall } from './funding-call.entity';

export enum AllocationRoundStatus {
  OPEN = 'OPEN',
  CONFIRMED = 'CONFIRMED',
}

/** Mittelverteilung of one call: proposed amounts and the committee resolution that confirms them. */
@Entity('allocation_round')
@Index('ux_allocation_round_call', ['callId'], { unique: true })
@Check('ck_allocation_round_status', `status IN ('OPEN', 'CONFIRMED')`)
export class AllocationRound extends TimestampedEntity {
  /**
   * The Kreis (issue 20). The database sets it on insert from the funding call this row belongs to
   * (trigger ff_assign_district) and refuses a different one, so no code path can file a row under another Kreis.
   */
  @Index()
  @Column({ name: 'district_id', type: 'uuid' })
  districtId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'call_id', type: 'uuid' })
  callId!: string;

  @ManyToOne(() => FundingCall, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'call_id' })
  call?: FundingCall;

  @Column({ type: 'text', default: AllocationRoundStatus.OPEN })
  status!: AllocationRoundStatus;

  /** Gremium, e.g. "Ausschuss für Soziales, Gesundheit und Integration". */
  @Column({ name: 'resolution_body', type: 'text', nullable: true })
  resolutionBody!: string | null;

  @Column({ name: 'resolution_date', type: 'date', nullable: true, transformer: dateOnlyTransformer })
  resolutionDate!: string | null;

  @Column({ name: 'resolution_number', type: 'text', nullable: true })
  resolutionNumber!: string | null;

  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt!: Date | null;

  @Column({ name: 'confirmed_by', type: 'uuid', nullable: true })
  confirmedBy!: string | null;
}
