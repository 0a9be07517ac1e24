import { CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A Träger registered in a Kreis (issue 20): Kreis staff see and manage only the Träger registered
 * in their Kreis. A row is written when Kreis staff create the Träger, when the Träger first applies
 * to a call of that Kreis, and by the demo seed; never deleted (the Träger's records stay there).
 */
@Entity('district_provider')
@Index('ix_district_provider_provider', ['providerId'])
export class DistrictProvider {
  @PrimaryColumn({ name: 'district_id', type: 'uuid' })
  districtId!: string;

  @PrimaryColumn({ name: 'provider_id', type: 'uuid' })
  providerId!: string;

  @CreateDateColumn({ name: 'registered_at', type: 'timestamptz' })
  registeredAt!: Date;
}
