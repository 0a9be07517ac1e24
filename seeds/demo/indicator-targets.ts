import type { DataSource } from 'typeorm';
import { systemScope } from '@foerderfluss/core';
import { appendAuditEvent } from '@foerderfluss/audit';

/**
 * The Kreis's Soll per Kennzahl for 2024–2027 (issue 19 item 6), as staff would set them on the
 * Kennzahlen page. Chosen against the demo's Ist (history-data.ts, proofs.ts) so that Soll/Ist
 * shows both: e.g. 2024 misses the Arbeitsmarkt and most Gesundheit targets and meets most of Wohnen;
 * 2025 meets most, misses Sprache/Bildung (no project that year) and Veranstaltungen im Sport.
 * Targets are decimal strings (numeric(15,2)); the average Kennzahl has a fractional Soll.
 */
export const DEMO_INDICATOR_TARGETS: readonly { fieldOfAction: string; code: string; targets: Readonly<Record<2024 | 2025 | 2026 | 2027, string>> }[] = [
  { fieldOfAction: 'LANGUAGE_EDUCATION', code: 'CONSULTATIONS', targets: { 2024: '300', 2025: '350', 2026: '350', 2027: '400' } },
  { fieldOfAction: 'LANGUAGE_EDUCATION', code: 'PERSONS_COUNSELLED', targets: { 2024: '100', 2025: '120', 2026: '120', 2027: '140' } },
  { fieldOfAction: 'LANGUAGE_EDUCATION', code: 'COURSES', targets: { 2024: '5', 2025: '6', 2026: '8', 2027: '8' } },
  { fieldOfAction: 'LANGUAGE_EDUCATION', code: 'LANGUAGE_MEDIATION_HOURS', targets: { 2024: '200', 2025: '200', 2026: '250', 2027: '250' } },
  { fieldOfAction: 'LABOUR_MARKET', code: 'CONSULTATIONS', targets: { 2024: '450', 2025: '470', 2026: '500', 2027: '520' } },
  { fieldOfAction: 'LABOUR_MARKET', code: 'PERSONS_COUNSELLED', targets: { 2024: '100', 2025: '110', 2026: '120', 2027: '130' } },
  { fieldOfAction: 'LABOUR_MARKET', code: 'JOB_PLACEMENTS', targets: { 2024: '15', 2025: '20', 2026: '25', 2027: '28' } },
  { fieldOfAction: 'HOUSING_SOCIAL_INFRASTRUCTURE', code: 'CONSULTATIONS', targets: { 2024: '600', 2025: '800', 2026: '850', 2027: '900' } },
  { fieldOfAction: 'HOUSING_SOCIAL_INFRASTRUCTURE', code: 'PERSONS_COUNSELLED', targets: { 2024: '250', 2025: '250', 2026: '280', 2027: '300' } },
  { fieldOfAction: 'HOUSING_SOCIAL_INFRASTRUCTURE', code: 'HOUSING_REFERRALS', targets: { 2024: '20', 2025: '30', 2026: '35', 2027: '35' } },
  { fieldOfAction: 'HEALTH_PSYCHOSOCIAL_CARE', code: 'CONSULTATIONS', targets: { 2024: '300', 2025: '320', 2026: '350', 2027: '360' } },
  { fieldOfAction: 'HEALTH_PSYCHOSOCIAL_CARE', code: 'PERSONS_COUNSELLED', targets: { 2024: '90', 2025: '100', 2026: '110', 2027: '120' } },
  { fieldOfAction: 'HEALTH_PSYCHOSOCIAL_CARE', code: 'ACCOMPANIED_APPOINTMENTS', targets: { 2024: '50', 2025: '60', 2026: '60', 2027: '70' } },
  { fieldOfAction: 'HEALTH_PSYCHOSOCIAL_CARE', code: 'LANGUAGE_MEDIATION_HOURS', targets: { 2024: '100', 2025: '150', 2026: '160', 2027: '160' } },
  { fieldOfAction: 'POLITICAL_SOCIAL_PARTICIPATION', code: 'EVENTS', targets: { 2024: '10', 2025: '20', 2026: '20', 2027: '24' } },
  { fieldOfAction: 'POLITICAL_SOCIAL_PARTICIPATION', code: 'PARTICIPANTS', targets: { 2024: '200', 2025: '400', 2026: '400', 2027: '450' } },
  { fieldOfAction: 'ADMINISTRATION_INTERCULTURAL_OPENING', code: 'TRAININGS', targets: { 2024: '4', 2025: '4', 2026: '5', 2027: '6' } },
  { fieldOfAction: 'ADMINISTRATION_INTERCULTURAL_OPENING', code: 'PARTICIPANTS', targets: { 2024: '50', 2025: '60', 2026: '60', 2027: '70' } },
  { fieldOfAction: 'ADMINISTRATION_INTERCULTURAL_OPENING', code: 'LANGUAGE_MEDIATION_HOURS', targets: { 2024: '800', 2025: '800', 2026: '500', 2027: '500' } },
  { fieldOfAction: 'ANTI_DISCRIMINATION', code: 'CONSULTATIONS', targets: { 2024: '40', 2025: '60', 2026: '80', 2027: '80' } },
  { fieldOfAction: 'ANTI_DISCRIMINATION', code: 'EVENTS', targets: { 2024: '6', 2025: '8', 2026: '10', 2027: '10' } },
  { fieldOfAction: 'CULTURE_LEISURE_SPORT', code: 'EVENTS', targets: { 2024: '30', 2025: '40', 2026: '40', 2027: '45' } },
  { fieldOfAction: 'CULTURE_LEISURE_SPORT', code: 'PARTICIPANTS', targets: { 2024: '400', 2025: '500', 2026: '520', 2027: '550' } },
  { fieldOfAction: 'CULTURE_LEISURE_SPORT', code: 'PARTICIPANTS_PER_EVENT', targets: { 2024: '12', 2025: '12.5', 2026: '13', 2027: '13' } },
];

/**
 * Inserts each demo target once, ever (remembered in reference_seed_row like the reference seeds'
 * dated values), so a Soll that staff changed or deleted in the demo is never put back by a
 * restart. A target whose Kennzahl the Kreis has removed is skipped. One audit event per target.
 */
export async function seedIndicatorTargets(ds: DataSource): Promise<number> {
  return ds.transaction(async (em) => {
    let created = 0;
    for (const t of DEMO_INDICATOR_TARGETS) {
      for (const [year, target] of Object.entries(t.targets)) {
        const key = `${t.fieldOfAction}/${t.code}/${year}`;
        const first = (await em.query(`INSERT INTO reference_seed_row (dataset, key) VALUES ('demo_indicator_target', $1) ON CONFLICT DO NOTHING RETURNING key`, [key])) as unknown[];
        if (first.length === 0) continue;
        const rows = (await em.query(
          `INSERT INTO indicator_target (definition_id, year, target)
           SELECT id, $3, $4 FROM indicator_definition WHERE field_of_action_code = $1 AND code = $2
           ON CONFLICT (definition_id, year) DO NOTHING
           RETURNING id, definition_id`,
          [t.fieldOfAction, t.code, Number(year), target],
        )) as { id: string; definition_id: string }[];
        if (!rows[0]) continue;
        created += 1;
        await appendAuditEvent(em, systemScope(), {
          action: 'seed.demo.indicator-target.create',
          entity: 'IndicatorTarget',
          entityId: rows[0].id,
          after: { definitionId: rows[0].definition_id, fieldOfAction: t.fieldOfAction, code: t.code, year: Number(year), target },
        });
      }
    }
    return created;
  });
}
