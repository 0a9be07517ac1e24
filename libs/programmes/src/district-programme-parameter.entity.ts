import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { dateOnlyTransformer, TimestampedEntity } from '@foerderfluss/database';
import { Organisation } from '@foerderfluss/organisations';
import { Programme } from './programme.entity';
import { ProgrammeParameterDefinition } from './programme-parameter-definition.entity';

/**
 * A Kreis's own dated value of a programme parameter the Richtlinie leaves to the Kreis
 * (`ProgrammeParameterDefinition.districtChoice`, e.g. the Bagatellgrenze or the Mahnfristen): from
 * `validFrom` on it replaces the programme's value for that Kreis's records. Written by the Kreis's
 * ADMIN only in a Land-wide install; in a single-Kreis install the Kreis sets the programme's values
 * themselves. No row-level security, like `district_setting`: not a business record, and the
 * service decides who reads and writes.
 */
@Entity('district_programme_parameter')
@Index('ux_district_programme_parameter_valid_from', ['districtId', 'programmeId', 'code', 'validFrom'], { unique: true })
export class DistrictProgrammeParameter extends TimestampedEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'district_id', type: 'uuid' })
  districtId!: string;

  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId!: string;

  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  value!: string;

  @Column({ name: 'valid_from', type: 'date', transformer: dateOnlyTransformer })
  validFrom!: string;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'district_id', foreignKeyConstraintName: 'fk_district_programme_parameter_district' })
  district?: Organisation;

  @ManyToOne(() => Programme, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'programme_id', foreignKeyConstraintName: 'fk_district_programme_parameter_programme' })
  programme?: Programme;

  @ManyToOne(() => ProgrammeParameterDefinition, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'code', referencedColumnName: 'code', foreignKeyConstraintName: 'fk_district_programme_parameter_definition' })
  definition?: ProgrammeParameterDefinition;
}
