import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Remembers which dated seed rows (base rates, parameter values) were applied once. The seed
 * inserts such a row only the first time, so an admin's later edit, correction of its date or
 * deletion survives every restart, while rows added to the seed files in a new release still
 * arrive.
 */
@Entity('reference_seed_row')
export class ReferenceSeedRow {
  /** e.g. `base_rate`, `programme_parameter`. */
  @PrimaryColumn({ type: 'text' })
  dataset!: string;

  /** The seed row's natural key, e.g. `2026-07-01` or `SOZIALBERATUNG_FLUECHTLINGE/DAY_COUNT/2024-01-01`. */
  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ name: 'applied_at', type: 'timestamptz', default: () => 'now()' })
  appliedAt!: Date;
}
