import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Sozialraum of the Landkreis with its Gemeinden. */
@Entity('social_area')
export class SocialArea {
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', array: true })
  municipalities!: string[];

  @Column({ name: 'sort_order', type: 'integer' })
  sortOrder!: number;

  @Column({ type: 'boolean', default: true })
  active!: boolean;
}
