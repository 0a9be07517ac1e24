import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampedEntity } from '@foerderfluss/database';
import { FieldOfAction } from './field-of-action.entity';

/** How the values of the Sachberichte add up in a group: summed, or averaged over the reports. */
export enum IndicatorAggregation {
  SUM = 'SUM',
  AVERAGE = 'AVERAGE',
}

/**
 * A Kennzahl of a Handlungsfeld as the Kreis defines it (issue 19): Sachberichte report aggregate
 * counts against it, never personal data. `code` never changes once a report refers to it; name,
 * unit, aggregation and `active` may, and every change leaves a row in indicator_definition_version,
 * so a report keeps the meaning it was written under.
 */
@Entity('indicator_definition')
@Index('ux_indicator_definition_code', ['fieldOfActionCode', 'code'], { unique: true })
@Check('ck_indicator_definition_aggregation', `aggregation IN ('SUM', 'AVERAGE')`)
@Check('ck_indicator_definition_code', `code ~ '^[A-Z][A-Z0-9_]{1,59}$'`)
export class IndicatorDefinition extends TimestampedEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'field_of_action_code', type: 'text' })
  fieldOfActionCode!: string;

  @ManyToOne(() => FieldOfAction, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'field_of_action_code' })
  fieldOfAction?: FieldOfAction;

  /** e.g. CONSULTATIONS; unique within the Handlungsfeld. */
  @Column({ type: 'text' })
  code!: string;

  /** German name, e.g. „Beratungsgespräche“. */
  @Column({ type: 'text' })
  name!: string;

  /** German unit, e.g. „Gespräche“, „Personen“, „Stunden“. */
  @Column({ type: 'text' })
  unit!: string;

  @Column({ type: 'text' })
  aggregation!: IndicatorAggregation;

  @Column({ name: 'sort_order', type: 'integer', default: 0 })
  sortOrder!: number;

  /** Inactive definitions take no new values; old reports keep theirs. */
  @Column({ type: 'boolean', default: true })
  active!: boolean;
}

/** Append-only history of a definition: one row per version (1 = as created). */
@Entity('indicator_definition_version')
@Index('ux_indicator_definition_version', ['definitionId', 'version'], { unique: true })
@Check('ck_indicator_definition_version_aggregation', `aggregation IN ('SUM', 'AVERAGE')`)
export class IndicatorDefinitionVersion {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ name: 'definition_id', type: 'uuid' })
  definitionId!: string;

  @ManyToOne(() => IndicatorDefinition, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'definition_id' })
  definition?: IndicatorDefinition;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  unit!: string;

  @Column({ type: 'text' })
  aggregation!: IndicatorAggregation;

  @Column({ type: 'boolean' })
  active!: boolean;

  /** Who changed it (null for the seed). */
  @Column({ name: 'changed_by', type: 'uuid', nullable: true })
  changedBy!: string | null;

  @Column({ name: 'valid_from', type: 'timestamptz', default: () => 'now()' })
  validFrom!: Date;
}

/** Soll: the Kreis's target for one Kennzahl in one year (numeric, as averages may be fractional). */
@Entity('indicator_target')
@Index('ux_indicator_target', ['definitionId', 'year'], { unique: true })
@Check('ck_indicator_target_value', `target >= 0`)
@Check('ck_indicator_target_year', `year BETWEEN 2000 AND 2100`)
export class IndicatorTarget extends TimestampedEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'definition_id', type: 'uuid' })
  definitionId!: string;

  @ManyToOne(() => IndicatorDefinition, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'definition_id' })
  definition?: IndicatorDefinition;

  @Column({ type: 'integer' })
  year!: number;

  /** Decimal string with at most two places, e.g. "1200" or "12.5". */
  @Column({ type: 'numeric', precision: 15, scale: 2 })
  target!: string;
}
