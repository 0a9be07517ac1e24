import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One parameter of DOMAIN §7 (code, unit, German description). Codes are fixed by the code
 * registry PROGRAMME_PARAMETER_DEFINITIONS; this table carries the texts for the parameter screen
 * and is the foreign key target of every dated value.
 */
@Entity('programme_parameter_definition')
export class ProgrammeParameterDefinition {
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  unit!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ name: 'sort_order', type: 'integer' })
  sortOrder!: number;
}
