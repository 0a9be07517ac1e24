import type { EntityManager } from 'typeorm';
import type { NarrativeInput } from '@foerderfluss/proof-of-use';

/** One Kennzahl of a demo Sachbericht: the Handlungsfeld, the definition's code, the counted value. */
export type IndicatorValueSeed = readonly [fieldOfAction: string, code: string, value: number];

/**
 * The demo writes its Kennzahlen as (Handlungsfeld, code, value) so the data does not depend on
 * the Sachbericht's input shape; this one function turns them into what the drafts service takes:
 * since issue 19 `{ indicatorId, value }`, the id looked up by Handlungsfeld and code (the Kreis
 * may rename a Kennzahl, never its code). The drafts service checks the rest (active, the
 * project's Handlungsfeld) and stores the snapshot; a definition that does not exist is a defect
 * of the demo data and stops the seed here with its name.
 */
export async function narrativeIndicators(em: EntityManager, values: readonly IndicatorValueSeed[]): Promise<NarrativeInput['indicators']> {
  const rows = (await em.query(`SELECT id, field_of_action_code, code FROM indicator_definition`)) as { id: string; field_of_action_code: string; code: string }[];
  return values.map(([fieldOfAction, code, value]) => {
    const d = rows.find((r) => r.field_of_action_code === fieldOfAction && r.code === code);
    if (!d) throw new Error(`demo seed: Kennzahl ${fieldOfAction}/${code} is not an indicator definition`);
    return { indicatorId: d.id, value };
  });
}
