import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Rate } from '@foerderfluss/core';
import { dateOnlyTransformer, percentRateTransformer, TimestampedEntity } from '@foerderfluss/database';

/**
 * Basiszinssatz (§ 247 BGB): the rate in force from `validFrom` until the next entry. It changes
 * only on 1 January and 1 July, and may be negative.
 */
@Entity('base_rate')
@Index('ux_base_rate_valid_from', ['validFrom'], { unique: true })
@Check('ck_base_rate_half_year', `EXTRACT(DAY FROM valid_from) = 1 AND EXTRACT(MONTH FROM valid_from) IN (1, 7)`)
export class BaseRate extends TimestampedEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'valid_from', type: 'date', transformer: dateOnlyTransformer })
  validFrom!: string;

  /** Percent per year ("-0.88" = −0,88 %). */
  @Column({ name: 'rate_percent', type: 'numeric', precision: 9, scale: 6, transformer: percentRateTransformer })
  rate!: Rate;
}
