import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Handlungsfeld of the Leitlinien Integration (8 fields). Keyed by a code that never changes. */
@Entity('field_of_action')
export class FieldOfAction {
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ name: 'sort_order', type: 'integer' })
  sortOrder!: number;

  @Column({ type: 'boolean', default: true })
  active!: boolean;
}
