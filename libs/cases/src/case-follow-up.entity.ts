import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { dateOnlyTransformer, TimestampedEntity } from '@foerderfluss/database';
import { User } from '@foerderfluss/identity';
import { CaseType } from './case-type';

/** Longest note of a Wiedervorlage (the API's validation says the same). */
export const FOLLOW_UP_NOTE_MAX = 2000;

/**
 * A Wiedervorlage: the day a case comes up again, with a note why. A case has any number; each is
 * marked done once (`done_at`). Open ones due today or earlier are the worklist's "Fällige
 * Wiedervorlagen".
 */
@Entity('case_follow_up')
@Index('ix_case_follow_up_case', ['caseType', 'caseId'])
@Index('ix_case_follow_up_open_due', ['dueDate'], { where: 'done_at IS NULL' })
@Check('ck_case_follow_up_type', `case_type IN ('APPLICATION', 'DECISION', 'PROOF_OF_USE', 'RECOVERY')`)
@Check('ck_case_follow_up_note', `note IS NULL OR char_length(note) <= ${FOLLOW_UP_NOTE_MAX}`)
@Check('ck_case_follow_up_done', '(done_at IS NULL) = (done_by IS NULL)')
export class CaseFollowUp extends TimestampedEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_type', type: 'text' })
  caseType!: CaseType;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'due_date', type: 'date', transformer: dateOnlyTransformer })
  dueDate!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: User | null;

  @Column({ name: 'done_at', type: 'timestamptz', nullable: true })
  doneAt!: Date | null;

  @Column({ name: 'done_by', type: 'uuid', nullable: true })
  doneBy!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'done_by' })
  finisher?: User | null;
}
