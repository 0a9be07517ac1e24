import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organisation } from '@foerderfluss/organisations';
import type { Rate } from '@foerderfluss/core';
import { dateOnlyTransformer, percentRateTransformer, TimestampedEntity } from '@foerderfluss/database';
import { Programme } from '@foerderfluss/programmes';

export enum BudgetYearStatus {
  OPEN = 'OPEN',
  /** After the Kreis's proof of use to the Land: no new money may be promised or paid. */
  CLOSED = 'CLOSED',
}

/**
 * Haushaltsjahr of a programme: the Land's Zuwendungsbescheid to the Kreis and the Kreis's own
 * share. The amounts themselves (H_land, Kreisanteil) live in the ledger as ALLOCATION entries
 * and in the balance row; this record holds what the Bescheid says about them.
 */
@Entity('budget_year')
@Index('ux_budget_year_programme_year', ['districtId', 'programmeId', 'year'], { unique: true })
@Check('ck_budget_year_period', 'period_start <= period_end')
@Check('ck_budget_year_rate', 'state_rate_percent >= 0 AND state_rate_percent <= 100')
@Check('ck_budget_year_status', `status IN ('OPEN', 'CLOSED')`)
export class BudgetYear extends TimestampedEntity {
  /** The Kreis (organisation of kind DISTRICT) this record belongs to: the tenant of a Land-wide install (issue 20). */
  @Index()
  @Column({ name: 'district_id', type: 'uuid' })
  districtId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'district_id' })
  district?: Organisation;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId!: string;

  @ManyToOne(() => Programme, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id' })
  programme?: Programme;

  @Column({ type: 'integer' })
  year!: number;

  /** Aktenzeichen of the Land's Zuwendungsbescheid to the Kreis. */
  @Column({ name: 'state_grant_reference', type: 'text' })
  stateGrantReference!: string;

  @Column({ name: 'state_grant_date', type: 'date', transformer: dateOnlyTransformer })
  stateGrantDate!: string;

  /** Fördersatz of the Land towards the Kreis (Anteilfinanzierung); also the ratio of every source split. */
  @Column({ name: 'state_rate_percent', type: 'numeric', precision: 9, scale: 6, transformer: percentRateTransformer })
  stateRatePercent!: Rate;

  /** Bewilligungszeitraum of the Land's Bescheid. */
  @Column({ name: 'period_start', type: 'date', transformer: dateOnlyTransformer })
  periodStart!: string;

  @Column({ name: 'period_end', type: 'date', transformer: dateOnlyTransformer })
  periodEnd!: string;

  /** Deadline of the Kreis's Verwendungsnachweis to the Land. */
  @Column({ name: 'state_proof_due', type: 'date', transformer: dateOnlyTransformer })
  stateProofDue!: string;

  /** Haushaltsstelle / Produktkonto of the Kreis's own share. */
  @Column({ name: 'district_budget_line', type: 'text' })
  districtBudgetLine!: string;

  /** Ausschlussfrist for applications of this year. */
  @Column({ name: 'application_deadline', type: 'date', nullable: true, transformer: dateOnlyTransformer })
  applicationDeadline!: string | null;

  @Column({ type: 'text', default: BudgetYearStatus.OPEN })
  status!: BudgetYearStatus;
}
