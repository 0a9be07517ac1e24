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

  /**
   * Whether the Richtlinie leaves the value to each Kreis (procedure of the Bewilligungsbehörde:
   * Bagatellgrenze, Stichprobe, Mahnfristen), so a Kreis may set its own (district_programme_parameter).
   * Everything else (interest, Fördersatz, deadlines of the ANBest-P) is the Land's, one value for all.
   */
  @Column({ name: 'district_choice', type: 'boolean', default: false })
  districtChoice!: boolean;
}
