import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { dateOnlyTransformer } from '@foerderfluss/database';
import { Application } from './application.entity';

/** Zustimmung zum vorzeitigen Maßnahmebeginn: costs are eligible from `consentDate` on. */
@Entity('early_start_consent')
@Index('ix_early_start_consent_app', ['applicationId'])
export class EarlyStartConsent {
  /**
   * The Kreis (issue 20). The database sets it on insert from the application this row belongs to
   * (trigger ff_assign_district) and refuses a different one, so no code path can file a row under another Kreis.
   */
  @Index()
  @Column({ name: 'district_id', type: 'uuid' })
  districtId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  @ManyToOne(() => Application, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'application_id' })
  application?: Application;

  @Column({ name: 'consent_date', type: 'date', transformer: dateOnlyTransformer })
  consentDate!: string;

  @Column({ type: 'text' })
  scope!: string;

  @Column({ name: 'granted_by', type: 'uuid', nullable: true })
  grantedBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
