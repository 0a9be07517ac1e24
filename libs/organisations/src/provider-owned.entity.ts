import { Column, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampedEntity } from '@foerderfluss/database';
import { Organisation } from './organisation.entity';

/**
 * The columns every record a Träger owns carries alike: its id, the owning Träger (the column the
 * repositories' visibility names, `provider_id`) and the audit columns of `TimestampedEntity`.
 * Declared once so the owner column cannot drift between Antrag, Bescheid, Mittelabruf and VN.
 */
export abstract class ProviderOwnedEntity extends TimestampedEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'provider_id', type: 'uuid' })
  providerId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provider_id' })
  provider?: Organisation;
}
