import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { dateOnlyTransformer } from '@foerderfluss/database';
import { Application } from './application.entity';

/** Zustimmung zum vorzeitigen Maßnahmebeginn: costs are eligible from `consentDate` on. */
@Entity('early_start_consent')
@Index('ix_early_start_consent_app', ['applicationId'])
export class EarlyStartConsent {
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
