import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { dateOnlyTransformer, TimestampedEntity } from '@foerderfluss/database';

/** Finanzierungsart (ARCHITECTURE glossary); the same codes as FinancingType in libs/rules. */
export type ProgrammeFinancingType = 'SHARE' | 'DEFICIT' | 'FULL' | 'FIXED';
export const PROGRAMME_FINANCING_TYPES: readonly ProgrammeFinancingType[] = ['SHARE', 'DEFICIT', 'FULL', 'FIXED'];

/** Richtlinie / Förderprogramm. Master data comes from the reference seed (upserted by code). */
@Entity('programme')
@Index('ux_programme_code', ['code'], { unique: true })
@Check('ck_programme_state_financing_type', `state_financing_type IN ('SHARE', 'DEFICIT', 'FULL', 'FIXED')`)
@Check(
  'ck_programme_financing_types',
  `cardinality(eligible_financing_types) > 0 AND eligible_financing_types <@ ARRAY['SHARE','DEFICIT','FULL','FIXED']::text[]`,
)
export class Programme extends TimestampedEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ name: 'short_title', type: 'text' })
  shortTitle!: string;

  /** Where the Richtlinie is published, e.g. "ThürStAnz Nr. 5/2024". */
  @Column({ type: 'text' })
  publication!: string;

  @Column({ name: 'legal_basis', type: 'text' })
  legalBasis!: string;

  @Column({ name: 'ministry_code', type: 'text' })
  ministryCode!: string;

  @Column({ name: 'ministry_name', type: 'text' })
  ministryName!: string;

  /** Bewilligungsbehörde towards the Landkreis. */
  @Column({ name: 'granting_authority_code', type: 'text' })
  grantingAuthorityCode!: string;

  @Column({ name: 'granting_authority_name', type: 'text' })
  grantingAuthorityName!: string;

  /** How the Land funds the Kreis. */
  @Column({ name: 'state_financing_type', type: 'text' })
  stateFinancingType!: ProgrammeFinancingType;

  /** Finanzierungsarten the Kreis may use towards Träger. */
  @Column({ name: 'eligible_financing_types', type: 'text', array: true })
  eligibleFinancingTypes!: ProgrammeFinancingType[];

  @Column({ name: 'valid_from', type: 'date', transformer: dateOnlyTransformer })
  validFrom!: string;
}
