import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { dateOnlyTransformer, TimestampedEntity } from '@foerderfluss/database';
import { Programme } from './programme.entity';
import { ProgrammeParameterDefinition } from './programme-parameter-definition.entity';

/**
 * A dated parameter value: in force from `validFrom` until the next value of the same programme
 * and code. Stored as text in the canonical form of its unit (see parseParameterValue), read
 * through ParametersService as a typed value.
 */
@Entity('programme_parameter')
@Index('ux_programme_parameter_programme_code_valid_from', ['programmeId', 'code', 'validFrom'], { unique: true })
export class ProgrammeParameter extends TimestampedEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId!: string;

  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  value!: string;

  @Column({ name: 'valid_from', type: 'date', transformer: dateOnlyTransformer })
  validFrom!: string;

  @ManyToOne(() => Programme, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'programme_id', foreignKeyConstraintName: 'fk_programme_parameter_programme' })
  programme?: Programme;

  @ManyToOne(() => ProgrammeParameterDefinition, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'code', referencedColumnName: 'code', foreignKeyConstraintName: 'fk_programme_parameter_definition' })
  definition?: ProgrammeParameterDefinition;
}
