import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organisation } from '@foerderfluss/organisations';
import type { Money } from '@foerderfluss/core';
import { dateOnlyTransformer, moneyTransformer } from '@foerderfluss/database';
import type { PaymentFileStatus } from './payment-file-state';

const money = { type: 'numeric' as const, precision: 15, scale: 2, transformer: moneyTransformer };

/** A SEPA credit-transfer file (pain.001.001.09) as it went to the bank; immutable once created. */
@Entity('payment_file')
@Index('ux_payment_file_message', ['messageId'], { unique: true })
@Check('ck_payment_file_status', `status IN ('CREATED', 'BOOKED')`)
export class PaymentFile {
  /** The Kreis (organisation of kind DISTRICT) this record belongs to: the tenant of a Land-wide install (issue 20). */
  @Index()
  @Column({ name: 'district_id', type: 'uuid' })
  districtId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'district_id' })
  district?: Organisation;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'message_id', type: 'text' })
  messageId!: string;

  @Column({ type: 'text' })
  status!: PaymentFileStatus;

  @Column({ name: 'execution_date', type: 'date', transformer: dateOnlyTransformer })
  executionDate!: string;

  @Column({ name: 'number_of_transactions', type: 'integer' })
  numberOfTransactions!: number;

  @Column({ name: 'control_sum', ...money })
  controlSum!: Money;

  @Column({ name: 'pain_version', type: 'text' })
  painVersion!: string;

  @Column({ type: 'text' })
  xml!: string;

  /** SHA-256 of the XML, to show that what was sent is what is stored. */
  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ type: 'jsonb' })
  warnings!: { path: string; message: string }[];

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'booked_on', type: 'date', nullable: true, transformer: dateOnlyTransformer })
  bookedOn!: string | null;
}
