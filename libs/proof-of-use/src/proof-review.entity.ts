import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ProofOfUse } from './proof-of-use.entity';
import type { FinalGrantDoc } from './final-grant-doc';

/** Prüfvermerk: the record of the check of one proof of use. */
@Entity('proof_review')
@Index('ux_proof_review_proof', ['proofId'], { unique: true })
@Check('ck_proof_review_status', `status IN ('IN_PROGRESS', 'COMPLETED')`)
export class ProofReview {
  /**
   * The Kreis (issue 20). The database sets it on insert from the proof of use this row belongs to
   * (trigger ff_assign_district) and refuses a different one, so no code path can file a row under another Kreis.
   */
  @Index()
  @Column({ name: 'district_id', type: 'uuid' })
  districtId!: string;

  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'proof_id', type: 'uuid' })
  proofId!: string;

  @ManyToOne(() => ProofOfUse, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'proof_id' })
  proof?: ProofOfUse;

  @Column({ type: 'text' })
  status!: 'IN_PROGRESS' | 'COMPLETED';

  /** Kursorische Prüfung: complete, plausible, purpose achieved per Sachbericht; with notes. */
  @Column({ type: 'jsonb' })
  cursory!: { complete: boolean | null; plausible: boolean | null; purposeAchieved: boolean | null; notes: string | null };

  /** Vertiefte Prüfung: share, seed and the drawn receipts, so the sample can be reproduced. */
  @Column({ name: 'sample_share_percent', type: 'numeric', precision: 9, scale: 6, nullable: true })
  sampleSharePercent!: string | null;

  @Column({ name: 'sample_seed', type: 'text', nullable: true })
  sampleSeed!: string | null;

  @Column({ name: 'sample_size', type: 'integer', default: 0 })
  sampleSize!: number;

  /** Zustimmungen zur Überschreitung einzelner Ansätze (ANBest-P Nr. 1.2): the cap per Kostenart. */
  @Column({ name: 'line_consents', type: 'jsonb', default: () => `'[]'` })
  lineConsents!: { category: string; amount: string; note: string | null }[];

  /** The final-grant calculation (lines, flags) as the reviewer completed it. */
  @Column({ type: 'jsonb', nullable: true })
  result!: FinalGrantDoc | null;

  @Column({ type: 'text', nullable: true })
  conclusion!: string | null;

  @Column({ name: 'reviewer_id', type: 'uuid', nullable: true })
  reviewerId!: string | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
