import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Kostenart (PERSONNEL, MATERIAL_ADMIN, FEES, INTERPRETING, INVESTMENT). */
@Entity('cost_category')
export class CostCategory {
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ name: 'sort_order', type: 'integer' })
  sortOrder!: number;
}
