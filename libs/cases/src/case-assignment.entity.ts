import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampedEntity } from '@foerderfluss/database';
import { User } from '@foerderfluss/identity';
import { CaseType } from './case-type';

/**
 * Who at the Landratsamt works on a case: one row per case (Antrag, Bescheid, VN, Rückforderung),
 * keyed by (case_type, case_id). The case lives in its own lib's table, so there is no foreign key
 * to it; the service checks that the record exists and the caller sees it before writing. Träger
 * never see this table (staff-only repository).
 */
@Entity('case_assignment')
@Index('ux_case_assignment_case', ['caseType', 'caseId'], { unique: true })
@Index('ix_case_assignment_assignee', ['assigneeId'])
@Index('ix_case_assignment_stand_in', ['standInId'])
@Check('ck_case_assignment_type', `case_type IN ('APPLICATION', 'DECISION', 'PROOF_OF_USE', 'RECOVERY')`)
// A stand-in stands in for someone: never without an assignee, never the assignee.
@Check('ck_case_assignment_stand_in', 'stand_in_id IS NULL OR (assignee_id IS NOT NULL AND stand_in_id <> assignee_id)')
export class CaseAssignment extends TimestampedEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_type', type: 'text' })
  caseType!: CaseType;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  /** Zuständig: an active ADMIN, STAFF or APPROVER of the Kreis; null when nobody is. */
  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assignee_id' })
  assignee?: User | null;

  /** Vertretung: takes the case while the assignee is away; sees it among "Meine Fälle" too. */
  @Column({ name: 'stand_in_id', type: 'uuid', nullable: true })
  standInId!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'stand_in_id' })
  standIn?: User | null;

  /** Who set the people last, and when (the audit log has every change). */
  @Column({ name: 'assigned_by', type: 'uuid', nullable: true })
  assignedBy!: string | null;

  @Column({ name: 'assigned_at', type: 'timestamptz' })
  assignedAt!: Date;
}
