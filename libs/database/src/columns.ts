import { CreateDateColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** Timestamps in UTC (timestamptz) and an optimistic-lock version on mutable records. */
export abstract class TimestampedEntity {
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn({ name: 'version', default: 1 })
  version!: number;
}

/** `date` columns come back from pg as JS Dates at local midnight unless told otherwise; keep them as 'YYYY-MM-DD'. */
export const dateOnlyTransformer = {
  to: (value: string | null | undefined): string | null | undefined => value,
  from: (value: string | Date | null): string | null => {
    if (value === null) return null;
    if (typeof value === 'string') return value;
    const y = value.getFullYear();
    const m = String(value.getMonth() + 1).padStart(2, '0');
    const d = String(value.getDate()).padStart(2, '0');
    return `${y}-${m}-${d}`;
  },
};
