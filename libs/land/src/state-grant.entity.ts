import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Money, Rate } from '@foerderfluss/core';
import { dateOnlyTransformer, moneyTransformer, percentRateTransformer, TimestampedEntity } from '@foerderfluss/database';
import { Organisation } from '@foerderfluss/organisations';
import { Programme } from '@foerderfluss/programmes';
import { BudgetYear } from '@foerderfluss/funding';
import type { StateGrantStatus } from './state-grant-state';

const money = { type: 'numeric' as const, precision: 15, scale: 2, transformer: moneyTransformer };

/**
 * Zuweisungsbescheid des Landes an einen Kreis (issue 20): the Land's record, moved by Land users only
 * (lifecycle level STATE). One per Kreis, programme and year. Once issued, the Kreis's budget year of
 * that year references it (`budgetYearId`), created by the Kreis from it or linked when it already existed.
 */
@Entity('state_grant')
@Index('ux_state_grant_district_year', ['districtId', 'programmeId', 'year'], { unique: true })
@Check('ck_state_grant_status', `status IN ('DRAFT', 'PROPOSED', 'ISSUED')`)
@Check('ck_state_grant_amount', 'amount >= 0')
@Check('ck_state_grant_period', 'period_start <= period_end')
@Check('ck_state_grant_rate', 'state_rate_percent >= 0 AND state_rate_percent <= 100')
export class StateGrant extends TimestampedEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The Kreis (organisation of kind DISTRICT) the Land grants to. */
  @Index()
  @Column({ name: 'district_id', type: 'uuid' })
  districtId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'district_id' })
  district?: Organisation;

  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId!: string;

  @ManyToOne(() => Programme, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id' })
  programme?: Programme;

  @Index()
  @Column({ type: 'integer' })
  year!: number;

  /** Aktenzeichen of the Land's Bescheid. */
  @Column({ type: 'text' })
  reference!: string;

  @Column({ type: 'text' })
  status!: StateGrantStatus;

  /** H_land: the Höchstbetrag the Land grants the Kreis for the year. */
  @Column({ ...money })
  amount!: Money;

  /** p_land: the Land's Fördersatz (Anteilfinanzierung), default the programme's STATE_RATE_PERCENT. */
  @Column({ name: 'state_rate_percent', type: 'numeric', precision: 9, scale: 6, transformer: percentRateTransformer })
  stateRatePercent!: Rate;

  /** Bewilligungszeitraum. */
  @Column({ name: 'period_start', type: 'date', transformer: dateOnlyTransformer })
  periodStart!: string;

  @Column({ name: 'period_end', type: 'date', transformer: dateOnlyTransformer })
  periodEnd!: string;

  /** Deadline of the Kreis's Verwendungsnachweis to the Land. */
  @Column({ name: 'proof_due', type: 'date', transformer: dateOnlyTransformer })
  proofDue!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'proposed_by', type: 'uuid', nullable: true })
  proposedBy!: string | null;

  @Column({ name: 'proposed_at', type: 'timestamptz', nullable: true })
  proposedAt!: Date | null;

  @Column({ name: 'issued_by', type: 'uuid', nullable: true })
  issuedBy!: string | null;

  @Column({ name: 'issued_at', type: 'timestamptz', nullable: true })
  issuedAt!: Date | null;

  /** Date of the Bescheid (the day it was issued). */
  @Column({ name: 'issued_on', type: 'date', nullable: true, transformer: dateOnlyTransformer })
  issuedOn!: string | null;

  /** The Kreis's budget year that rests on this Zuweisung (null until the Kreis has one). */
  @Column({ name: 'budget_year_id', type: 'uuid', nullable: true })
  budgetYearId!: string | null;

  @ManyToOne(() => BudgetYear, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'budget_year_id' })
  budgetYear?: BudgetYear;
}
