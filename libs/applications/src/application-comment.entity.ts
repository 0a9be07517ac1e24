import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Application } from './application.entity';

export type CommentKind = 'COMMENT' | 'CHANGE_REQUEST' | 'VOTUM' | 'STATUS';

/** Staff comments, requests for changes and the Träger's answers: part of the record. */
@Entity('application_comment')
@Index('ix_application_comment_app', ['applicationId', 'createdAt'])
@Check('ck_application_comment_kind', `kind IN ('COMMENT', 'CHANGE_REQUEST', 'VOTUM', 'STATUS')`)
export class ApplicationComment {
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

  @Column({ type: 'text' })
  kind!: CommentKind;

  @Column({ type: 'text' })
  text!: string;

  /** Internal notes of the Landratsamt stay internal. */
  @Column({ name: 'visible_to_provider', type: 'boolean' })
  visibleToProvider!: boolean;

  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId!: string | null;

  @Column({ name: 'author_name', type: 'text', nullable: true })
  authorName!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
