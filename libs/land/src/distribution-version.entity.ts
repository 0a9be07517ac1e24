import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Money } from '@foerderfluss/core';
import { moneyTransformer } from '@foerderfluss/database';
import { Programme } from '@foerderfluss/programmes';

/** One Kreis's weight in a version of the Verteilungsschlüssel (e.g. its share of refugees). */
export interface DistributionWeight {
  districtId: string;
  /** A non-negative decimal as text (any unit: persons, per mille); only the ratios count. */
  weight: string;
}

/**
 * The Land's annual money of the programme for a year and its Verteilungsschlüssel, as data (issue 20).
 * Append-only: every change is a new version (who, when, why); the highest version is in force and the
 * older ones are the history. No UPDATE or DELETE is ever issued on this table.
 */
@Entity('state_distribution_version')
@Index('ux_state_distribution_version', ['programmeId', 'year', 'version'], { unique: true })
export class StateDistributionVersion {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId!: string;

  @ManyToOne(() => Programme, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id' })
  programme?: Programme;

  @Column({ type: 'integer' })
  year!: number;

  /** 1, 2, … per programme and year. */
  @Column({ type: 'integer' })
  version!: number;

  /** The Land's money for the programme in that year (to be distributed over the Kreise). */
  @Column({ name: 'annual_amount', type: 'numeric', precision: 15, scale: 2, transformer: moneyTransformer })
  annualAmount!: Money;

  @Column({ type: 'jsonb' })
  weights!: DistributionWeight[];

  /** Why this version (Begründung), required. */
  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'changed_by', type: 'uuid', nullable: true })
  changedBy!: string | null;

  @CreateDateColumn({ name: 'changed_at', type: 'timestamptz' })
  changedAt!: Date;
}
