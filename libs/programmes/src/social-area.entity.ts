import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Organisation } from '@foerderfluss/organisations';

/** Sozialraum of the Landkreis with its Gemeinden. */
@Entity('social_area')
export class SocialArea {
  /** The Kreis (organisation of kind DISTRICT) this record belongs to: the tenant of a Land-wide install (issue 20). */
  @Index()
  @Column({ name: 'district_id', type: 'uuid' })
  districtId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'district_id' })
  district?: Organisation;

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
