import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Programme } from './programme.entity';
import { CostCategory } from './cost-category.entity';

/**
 * The Kostenarten eligible under a programme. A join table rather than text[] so the database
 * refuses a code that is not a cost_category. INVESTMENT exists as a category but is not listed
 * for the Sozialberatungsrichtlinie.
 */
@Entity('programme_cost_category')
@Index('ix_programme_cost_category_category', ['costCategoryCode'])
export class ProgrammeCostCategory {
  @PrimaryColumn({ name: 'programme_id', type: 'uuid' })
  programmeId!: string;

  @PrimaryColumn({ name: 'cost_category_code', type: 'text' })
  costCategoryCode!: string;

  @ManyToOne(() => Programme, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'programme_id', foreignKeyConstraintName: 'fk_programme_cost_category_programme' })
  programme?: Programme;

  @ManyToOne(() => CostCategory, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'cost_category_code',
    referencedColumnName: 'code',
    foreignKeyConstraintName: 'fk_programme_cost_category_category',
  })
  costCategory?: CostCategory;
}
