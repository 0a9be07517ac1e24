import type { EntityManager } from 'typeorm';

/** One Kennzahl of a demo Sachbericht: the Handlungsfeld, the definition's code, the counted value. */
export type IndicatorValueSeed = readonly [fieldOfAction: string, code: string, value: number];

/** What the drafts service takes as `narrative.indicators[]` today (before issue 19's `{indicatorId, value}`). */
export interface NarrativeIndicatorInput {
  fieldOfAction: string;
  code: string;
  label: string;
  value: number;
}

/**
 * The demo writes its Kennzahlen as (Handlungsfeld, code, value) so the data does not depend on
 * the Sachbericht's input shape; this one function turns them into what the drafts service takes.
 * The definitions are read from the database (the Kreis may have renamed one since the reference
 * seed): an unknown or retired Kennzahl is a defect of the demo data and stops the seed.
 */
export async function narrativeIndicators(em: EntityManager, values: readonly IndicatorValueSeed[]): Promise<NarrativeIndicatorInput[]> {
  const rows = (await em.query(`SELECT field_of_action_code, code, name, active FROM indicator_definition`)) as {
    field_of_action_code: string;
    code: string;
    name: string;
    active: boolean;
  }[];
  return values.map(([fieldOfAction, code, value]) => {
    const d = rows.find((r) => r.field_of_action_code === fieldOfAction && r.code === code);
    if (!d || !d.active) throw new Error(`demo seed: Kennzahl ${fieldOfAction}/${code} is not an active indicator definition`);
    return { fieldOfAction, code, label: d.name, value };
  });
}
