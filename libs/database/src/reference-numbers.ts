import { Column, Entity, EntityManager, PrimaryColumn } from 'typeorm';

/** The last number handed out per series and year (Antragsnummer, Aktenzeichen, Abruf-Nr.). */
@Entity('reference_counter')
export class ReferenceCounter {
  @PrimaryColumn({ type: 'text' })
  series!: string;

  @PrimaryColumn({ type: 'integer' })
  year!: number;

  @Column({ name: 'last_value', type: 'integer' })
  lastValue!: number;
}

/**
 * Next number of a series inside the caller's transaction, e.g. `FF-2026-0007`. The upsert takes
 * a row lock, so two transactions never get the same number; a rolled-back transaction gives its
 * number back (no gaps from failed attempts).
 */
export async function nextReference(em: EntityManager, series: string, year: number, digits = 4): Promise<string> {
  const [row] = (await em.query(
    `INSERT INTO reference_counter (series, year, last_value) VALUES ($1, $2, 1)
     ON CONFLICT (series, year) DO UPDATE SET last_value = reference_counter.last_value + 1
     RETURNING last_value`,
    [series, year],
  )) as { last_value: number }[];
  return `${series}-${year}-${String(row!.last_value).padStart(digits, '0')}`;
}
