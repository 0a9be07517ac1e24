// The Land generator of `npm run bench:land` (issue 20): Kreise with Träger, budget years,
// Bescheide, Verwendungsnachweise, Belege and the ledger that goes with them, written with SQL
// (INSERT … SELECT over generate_series) as the owner role on top of a database that has the
// reference and demo seed.
//
// Every row goes through the schema as it is: check constraints and foreign keys hold, and
// `ff_assign_district` checks each child's Kreis against its parent's (district_id is set
// explicitly, equal to the parent's). For the two bulk tables (receipt, budget_ledger_entry) the
// per-row trigger costs more than the insert itself (the generic one on budget_ledger_entry: a
// to_jsonb and a dynamic SELECT per row, 3.5×; receipt's own static one, about 1.2×), so by
// default the generator disables it on those two tables inside its transaction only (ALTER TABLE is
// transactional: nobody else ever sees it off) and proves the same rule with one set-based check
// before the commit: every generated Beleg has its VN's Kreis, every entry its year's.
// `triggers: 'all'` (BENCH_LAND_TRIGGERS=all) keeps the trigger on everywhere.
// The materialised balance row of each generated year is brought in step with its entries in the
// same transaction (the figures endpoints serve that row; `BudgetFiguresService.
// ledgerBalancesFromEntries` recomputes it, the test compares both).
//
// Shape per Kreis (the same for every Kreis, so a Kreis of the Land database and the one Kreis of
// the one-Kreis database are the same size): `providers` Träger, `years` budget years (2019 …),
// per Träger and year one approved Antrag, one Bescheid in force (version 1), one final VN with
// `receiptsPerProof` Belege; ledger per year: Zuweisung Land + Eigenanteil Kreis, 4 Mittelabrufe
// beim Land, per Bescheid 1 Bindung and 12 monthly Auszahlungen (10 paid, 2 angewiesen).
// The home Kreis (DISTRICT_ALTENBURGER_LAND) is Kreis 1; Kreis 2 … n are created here.
'use strict';

const FULL = { districts: 22, providers: 30, years: 5, receiptsPerProof: 1515 };

/** The sizes for a scale (1 = the full Land: 22 × 30 × 5 VN × 1.515 Belege ≈ 5 million). */
function sizes(scale, districts = FULL.districts) {
  return { ...FULL, districts, receiptsPerProof: Math.max(1, Math.round(FULL.receiptsPerProof * scale)) };
}

const FIRST_YEAR = 2019;
const MONTHS = 12;
const PAID_MONTHS = 10;

/**
 * Fills the database behind `client` (owner role). Returns what the bench needs: the home Kreis id,
 * its generated budget years and one of its VN.
 * @param {import('pg').Client} client
 * @param {{districts: number, providers: number, years: number, receiptsPerProof: number, triggers?: 'all' | 'bulk-checked'}} s
 * @param {(msg: string) => void} [log]
 */
async function generate(client, s, log = () => undefined) {
  const bulkWithoutTrigger = (s.triggers ?? 'bulk-checked') !== 'all';
  const q = (text, params) => client.query(text, params);
  const step = async (label, text, params) => {
    const t0 = Date.now();
    const r = await q(text, params);
    log(`  ${label}: ${r.rowCount ?? ''} rows in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return r;
  };
  await q('BEGIN');
  try {
    // ── what the generated rows copy: the home Kreis, the programme, the demo's users and one approved Bescheid
    const [t] = (
      await q(
        `SELECT home.id AS home_id, y.programme_id, y.district_budget_line,
                a.id AS app_id, v.id AS version_id,
                (SELECT id FROM app_user WHERE email = 'sachbearbeitung@demo.foerderfluss.de') AS staff_id,
                (SELECT id FROM app_user WHERE email = 'zeichnung@demo.foerderfluss.de') AS approver_id
           FROM organisation home
           JOIN budget_year y ON y.district_id = home.id
           JOIN decision d ON d.budget_year_id = y.id AND d.status = 'IN_FORCE'
           JOIN application a ON a.id = d.application_id AND a.status = 'APPROVED'
           JOIN decision_version v ON v.decision_id = d.id AND v.status = 'APPROVED' AND v.kind = 'ORIGINAL'
          WHERE home.code = 'DISTRICT_ALTENBURGER_LAND'
          ORDER BY d.reference LIMIT 1`,
      )
    ).rows;
    if (!t || !t.staff_id || !t.approver_id) throw new Error('the generator needs the demo seed (home Kreis, an approved Bescheid, the demo users)');

    // ── Kreise: the home Kreis is number 1
    await q(`CREATE TEMP TABLE g_district (no int PRIMARY KEY, id uuid NOT NULL, area text NOT NULL) ON COMMIT DROP`);
    await q(`INSERT INTO g_district VALUES (1, $1, 'BENCH_AREA_01')`, [t.home_id]);
    await step(
      'Kreise',
      `WITH made AS (
         INSERT INTO organisation (code, kind, name, legal_form, street, postal_code, city)
         SELECT 'BENCH_DISTRICT_' || lpad(k::text, 2, '0'), 'DISTRICT', 'Bench-Landkreis ' || lpad(k::text, 2, '0') || ' – Landratsamt',
                'Körperschaft des öffentlichen Rechts', 'Am Markt ' || k, lpad((7000 + k)::text, 5, '0'), 'Benchstadt ' || k
           FROM generate_series(2, $1::int) k
         RETURNING id, code)
       INSERT INTO g_district SELECT right(code, 2)::int, id, 'BENCH_AREA_' || right(code, 2) FROM made`,
      [s.districts],
    );
    // One Sozialraum per Kreis (codes are global; the home Kreis gets one too, so both databases match).
    await q(
      `INSERT INTO social_area (code, name, municipalities, sort_order, district_id)
       SELECT area, 'Bench-Sozialraum ' || lpad(no::text, 2, '0'), ARRAY['Benchstadt ' || no], 100 + no, id FROM g_district`,
    );

    // ── Träger, registered in their Kreis where the registration table exists (branch kreis-isolation)
    await q(`CREATE TEMP TABLE g_provider (district_no int, no int, id uuid, PRIMARY KEY (district_no, no)) ON COMMIT DROP`);
    await step(
      'Träger',
      `WITH made AS (
         INSERT INTO organisation (code, kind, name, legal_form, street, postal_code, city, non_profit, bank_account_status)
         SELECT 'BENCH_P_' || lpad(d.no::text, 2, '0') || '_' || lpad(p::text, 2, '0'), 'PROVIDER',
                'Bench-Träger ' || lpad(d.no::text, 2, '0') || '-' || lpad(p::text, 2, '0') || ' e.V.', 'e.V.', 'Vereinsweg ' || p,
                lpad((7000 + d.no)::text, 5, '0'), 'Benchstadt ' || d.no, true, 'MISSING'
           FROM g_district d, generate_series(1, $1::int) p
         RETURNING id, code)
       INSERT INTO g_provider SELECT substr(code, 9, 2)::int, right(code, 2)::int, id FROM made`,
      [s.providers],
    );
    if ((await q(`SELECT to_regclass('district_provider') IS NOT NULL AS ok`)).rows[0].ok) {
      await q(`INSERT INTO district_provider (district_id, provider_id) SELECT d.id, p.id FROM g_provider p JOIN g_district d ON d.no = p.district_no ON CONFLICT DO NOTHING`);
    }

    // ── budget years with their balance row (filled from the entries at the end) and one Aufruf each
    await q(`CREATE TEMP TABLE g_year (district_no int, year int, id uuid, call_id uuid, PRIMARY KEY (district_no, year)) ON COMMIT DROP`);
    await step(
      'Haushaltsjahre',
      `WITH made AS (
         INSERT INTO budget_year (programme_id, year, state_grant_reference, state_grant_date, state_rate_percent, period_start, period_end,
                                  state_proof_due, district_budget_line, application_deadline, status, district_id)
         SELECT $1, y, 'TLVwA-BENCH-' || y || '-' || lpad(d.no::text, 2, '0'), make_date(y - 1, 12, 1), 80, make_date(y, 1, 1), make_date(y, 12, 31),
                make_date(y + 1, 6, 30), $2, make_date(y - 1, 10, 15), 'OPEN', d.id
           FROM g_district d, generate_series($3::int, $3::int + $4::int - 1) y
         RETURNING id, year, district_id)
       INSERT INTO g_year SELECT d.no, m.year, m.id, NULL FROM made m JOIN g_district d ON d.id = m.district_id`,
      [t.programme_id, t.district_budget_line, FIRST_YEAR, s.years],
    );
    await q(`INSERT INTO budget_year_balance (budget_year_id, district_id) SELECT y.id, d.id FROM g_year y JOIN g_district d ON d.no = y.district_no`);
    await q(
      `WITH made AS (
         INSERT INTO funding_call (budget_year_id, title, text, opening_date, deadline, eligible_fields_of_action, eligible_cost_categories,
                                   target_social_areas, status, published_at, district_id)
         SELECT y.id, 'Projektaufruf ' || y.year || ' (Bench-Kreis ' || lpad(y.district_no::text, 2, '0') || ')', 'Aufruf des Bench-Generators.',
                make_date(y.year - 1, 8, 15), make_date(y.year - 1, 10, 12), (SELECT array_agg(code) FROM field_of_action),
                ARRAY['PERSONNEL','MATERIAL_ADMIN'], ARRAY[d.area], 'PUBLISHED', make_date(y.year - 1, 8, 15), d.id
           FROM g_year y JOIN g_district d ON d.no = y.district_no
         RETURNING id, budget_year_id)
       UPDATE g_year SET call_id = made.id FROM made WHERE made.budget_year_id = g_year.id`,
    );

    // ── per Träger and year: Antrag, Bescheid (version 1 approved, in force), final VN
    // monthly = 5 × (800 … 1399) €, so the 80/20 split and the twelve months are exact.
    await q(
      `CREATE TEMP TABLE g_project ON COMMIT DROP AS
       SELECT y.district_no, y.year, p.no AS provider_no, d.id AS district_id, y.id AS budget_year_id, y.call_id, p.id AS provider_id, d.area,
              gen_random_uuid() AS application_id, gen_random_uuid() AS decision_id, gen_random_uuid() AS proof_id,
              (5 * (800 + (p.no * 37 + y.year * 11 + y.district_no * 7) % 600))::numeric(15,2) AS monthly,
              (SELECT code FROM field_of_action ORDER BY sort_order, code OFFSET (p.no % (SELECT count(*) FROM field_of_action)) LIMIT 1) AS field,
              lpad(y.district_no::text, 2, '0') || '-' || y.year || '-' || lpad(p.no::text, 4, '0') AS ref
         FROM g_year y JOIN g_provider p ON p.district_no = y.district_no JOIN g_district d ON d.no = y.district_no`,
    );
    await step(
      'Anträge',
      `INSERT INTO application (id, reference, call_id, provider_id, status, title, purpose, target_group, fields_of_action, social_area_code, municipality,
                                period_start, period_end, planned_start, contact_name, contact_email, contact_phone, project_begun, vat_deductible,
                                other_public_funding, better_position_respected, financing_plan, total_costs, own_funds, third_party_funds,
                                requested_amount, submitted_version, first_submitted_at, last_submitted_at, review, district_id)
       SELECT g.application_id, 'A-B' || g.ref, g.call_id, g.provider_id, 'APPROVED', 'Beratungsstelle ' || g.ref, a.purpose, a.target_group, ARRAY[g.field],
              g.area, NULL, make_date(g.year, 1, 1), make_date(g.year, 12, 31), make_date(g.year, 1, 1), a.contact_name, a.contact_email, a.contact_phone,
              false, false, NULL, a.better_position_respected, a.financing_plan, 12 * g.monthly, 0, 0, 12 * g.monthly, 1,
              make_timestamptz(g.year - 1, 10, 1, 9, 0, 0, 'Europe/Berlin'), make_timestamptz(g.year - 1, 10, 1, 9, 0, 0, 'Europe/Berlin'), a.review, g.district_id
         FROM g_project g, application a WHERE a.id = $1`,
      [t.app_id],
    );
    await q(
      `INSERT INTO application_version (application_id, version_no, submitted_by, submitted_at, snapshot, district_id)
       SELECT g.application_id, 1, NULL, make_timestamptz(g.year - 1, 10, 1, 9, 0, 0, 'Europe/Berlin'), v.snapshot, g.district_id
         FROM g_project g, application_version v WHERE v.application_id = $1 AND v.version_no = 1`,
      [t.app_id],
    );
    await step(
      'Bescheide',
      `INSERT INTO decision (id, reference, application_id, provider_id, budget_year_id, instrument, outcome, status, current_version_no,
                             field_of_action_code, social_area_code, max_amount, disbursed_amount, district_id)
       SELECT g.decision_id, 'FF-B' || g.ref, g.application_id, g.provider_id, g.budget_year_id, 'BESCHEID', 'GRANT', 'IN_FORCE', 1,
              g.field, g.area, 12 * g.monthly, ${PAID_MONTHS + 2} * g.monthly, g.district_id
         FROM g_project g`,
    );
    await q(
      `INSERT INTO decision_version (decision_id, version_no, kind, status, proposed_by, proposed_at, approved_by, approved_at, decision_date, effective_date,
                                     reason, purpose, period_start, period_end, financing_type, funding_rate_percent, max_amount, state_share, district_share,
                                     approved_plan, conditions, proof_due, interim_proofs_due, eligible_from, district_id)
       SELECT g.decision_id, 1, 'ORIGINAL', 'APPROVED', $2, make_timestamptz(g.year - 1, 12, 1, 9, 0, 0, 'Europe/Berlin'), $3,
              make_timestamptz(g.year - 1, 12, 2, 9, 0, 0, 'Europe/Berlin'), make_date(g.year - 1, 12, 2), make_date(g.year - 1, 12, 2),
              v.reason, v.purpose, make_date(g.year, 1, 1), make_date(g.year, 12, 31), v.financing_type, v.funding_rate_percent,
              12 * g.monthly, 12 * g.monthly * 0.8, 12 * g.monthly * 0.2, v.approved_plan, v.conditions, make_date(g.year + 1, 6, 30), '[]'::jsonb,
              make_date(g.year, 1, 1), g.district_id
         FROM g_project g, decision_version v WHERE v.id = $1`,
      [t.version_id, t.staff_id, t.approver_id],
    );
    await step(
      'Verwendungsnachweise',
      `INSERT INTO proof_of_use (id, reference, decision_id, provider_id, budget_year_id, kind, covered_year, status, narrative, figures, actual_costs,
                                 submitted_at, submitted_by, retain_until, district_id)
       SELECT g.proof_id, 'FF-B' || g.ref || '/VN', g.decision_id, g.provider_id, g.budget_year_id, 'FINAL', NULL, 'IN_REVIEW', '{}'::jsonb,
              '{"costLines": [], "ownFunds": "0.00", "thirdPartyFunds": "0.00"}'::jsonb, 0,
              make_timestamptz(g.year + 1, 5, 20, 9, 0, 0, 'Europe/Berlin'), NULL, make_date(g.year + 6, 12, 31), g.district_id
         FROM g_project g`,
    );

    if (bulkWithoutTrigger) {
      await q('ALTER TABLE receipt DISABLE TRIGGER ff_assign_district');
      await q('ALTER TABLE budget_ledger_entry DISABLE TRIGGER ff_assign_district');
    }
    // ── Belege: receiptsPerProof per VN, amounts exact from integer cents, every tenth in the sample.
    // PostgreSQL writes them position by position across all VN (each Beleg of a VN on its own page):
    // the pessimistic layout of Belege typed in over the years, the same in both databases.
    await step(
      'Belege',
      `INSERT INTO receipt (proof_id, position, receipt_number, receipt_date, payment_date, counterparty, reason, direction, cost_category,
                            gross_amount, vat_amount, project_share_percent, eligible_amount, in_sample, sample_reason, review_status,
                            recognised_amount, review_note, retain_until, district_id)
       SELECT g.proof_id, n, 'B-' || n, make_date(g.year, 1, 1) + (n % 360), make_date(g.year, 1, 1) + (n % 360) + 2,
              (ARRAY['Gehaltsabrechnung','Vermieter Benchstadt GmbH','Sprachmittlung eG','Stadtwerke Benchstadt','Büro-Versand','Deutsche Bahn AG','Telekom Deutschland GmbH'])[1 + n % 7],
              'Beleg ' || n || ': ' || CASE WHEN n % 4 = 0 THEN 'Gehalt Beratungsstelle' ELSE 'Sachausgabe' END,
              'EXPENSE', CASE WHEN n % 4 = 0 THEN 'PERSONNEL' ELSE 'MATERIAL_ADMIN' END,
              c.amount, 0, 100, c.amount, n % 10 = 0, CASE WHEN n % 10 = 0 THEN 'RANDOM' END,
              CASE WHEN n % 10 = 0 THEN 'RECOGNISED' ELSE 'OPEN' END, CASE WHEN n % 10 = 0 THEN c.amount END, NULL,
              make_date(g.year + 6, 12, 31), g.district_id
         FROM g_project g CROSS JOIN LATERAL generate_series(1, $1::int) n,
              LATERAL (SELECT ((1000 + (n * 7919 + g.provider_no * 31) % 499000) / 100.0)::numeric(15,2) AS amount) c`,
      [s.receiptsPerProof],
    );
    await q(`UPDATE proof_of_use p SET actual_costs = s.total FROM (SELECT r.proof_id, sum(r.eligible_amount) AS total FROM receipt r JOIN g_project g ON g.proof_id = r.proof_id GROUP BY r.proof_id) s WHERE s.proof_id = p.id`);

    // ── the ledger: allocations and Mittelabrufe per year, Bindung and Auszahlungen per Bescheid (in booking order)
    await step(
      'Buchungen',
      `INSERT INTO budget_ledger_entry (budget_year_id, kind, amount, state_share, district_share, provider_id, field_of_action_code, social_area_code,
                                        reference_type, reference_id, note, booking_date, district_id)
       SELECT budget_year_id, kind, state_share + district_share, state_share, district_share, provider_id, field, area, rtype, rid, note, booking_date, district_id
         FROM (
           SELECT y.id AS budget_year_id, 'ALLOCATION' AS kind, ($1::int * 90000)::numeric AS state_share, 0::numeric AS district_share, NULL::uuid AS provider_id,
                  NULL AS field, NULL AS area, 'StateGrant' AS rtype, 'TLVwA-BENCH-' || y.year AS rid, 'Zuweisung des Landes' AS note, make_date(y.year - 1, 12, 15) AS booking_date,
                  d.id AS district_id, 0 AS ord
             FROM g_year y JOIN g_district d ON d.no = y.district_no
           UNION ALL
           SELECT y.id, 'ALLOCATION', 0, ($1::int * 22500)::numeric, NULL, NULL, NULL, 'DistrictBudget', 'BENCH', 'Eigenanteil des Landkreises', make_date(y.year - 1, 12, 15), d.id, 1
             FROM g_year y JOIN g_district d ON d.no = y.district_no
           UNION ALL
           SELECT g.budget_year_id, 'COMMITMENT', 12 * g.monthly * 0.8, 12 * g.monthly * 0.2, g.provider_id, g.field, g.area, 'Decision', g.decision_id::text,
                  'FF-B' || g.ref || ' v1', make_date(g.year - 1, 12, 15), g.district_id, 2
             FROM g_project g
           UNION ALL
           SELECT y.id, 'STATE_DRAWDOWN', ($1::int * 20000)::numeric, 0, NULL, NULL, NULL, 'StateDrawdown', NULL, 'Mittelabruf ' || q || '/' || y.year || ' beim TLVwA (Bench)',
                  make_date(y.year, 3 * q - 2, 10), d.id, 3
             FROM g_year y JOIN g_district d ON d.no = y.district_no, generate_series(1, 4) q
           UNION ALL
           SELECT g.budget_year_id, x.kind, g.monthly * 0.8, g.monthly * 0.2, g.provider_id, g.field, g.area, 'Decision', g.decision_id::text,
                  CASE x.kind WHEN 'DISBURSEMENT' THEN 'Mittelabruf ' ELSE 'Auszahlung ' END || 'FF-B' || g.ref || '/' || m,
                  make_date(g.year, m, 5) + x.days, g.district_id, 4
             FROM g_project g, generate_series(1, ${MONTHS}) m, (VALUES ('DISBURSEMENT', 0), ('DISBURSEMENT_PAID', 3)) x(kind, days)
            WHERE x.kind = 'DISBURSEMENT' OR m <= ${PAID_MONTHS}
         ) e
        ORDER BY booking_date, ord`,
      [s.providers],
    );

    if (bulkWithoutTrigger) {
      await q('ALTER TABLE receipt ENABLE TRIGGER ff_assign_district');
      await q('ALTER TABLE budget_ledger_entry ENABLE TRIGGER ff_assign_district');
      // What the trigger would have refused, checked once for all rows written without it.
      const [bad] = (
        await q(
          `SELECT (SELECT count(*) FROM receipt r JOIN g_project g ON g.proof_id = r.proof_id WHERE r.district_id <> g.district_id) AS receipts,
                  (SELECT count(*) FROM budget_ledger_entry e JOIN budget_year y ON y.id = e.budget_year_id JOIN g_year gy ON gy.id = y.id
                    WHERE e.district_id <> y.district_id) AS entries`,
        )
      ).rows;
      if (Number(bad.receipts) || Number(bad.entries)) throw new Error(`rows in another Kreis than their parent: ${JSON.stringify(bad)}`);
    }
    // ── the materialised balance of each generated year, from its entries (the same sums as LedgerRepository.sumsFromEntries)
    await step(
      'Salden',
      `UPDATE budget_year_balance b SET
         allocated_state = s.as_, allocated_district = s.ad, committed_state = s.cs, committed_district = s.cd,
         disbursed_state = s.ds, disbursed_district = s.dd, paid_state = s.ps, paid_district = s.pd,
         recoveries_due_state = s.rds, recoveries_due_district = s.rdd, recoveries_received_state = s.rrs, recoveries_received_district = s.rrd,
         received_from_state = s.sd, refunded_to_state = s.sr, entry_count = s.n, last_entry_id = s.last_id
       FROM (
         SELECT budget_year_id,
                coalesce(sum(state_share) FILTER (WHERE kind = 'ALLOCATION'), 0) AS as_,
                coalesce(sum(district_share) FILTER (WHERE kind = 'ALLOCATION'), 0) AS ad,
                coalesce(sum(CASE kind WHEN 'RELEASE' THEN -state_share ELSE state_share END) FILTER (WHERE kind IN ('COMMITMENT','COMMITMENT_CHANGE','RELEASE')), 0) AS cs,
                coalesce(sum(CASE kind WHEN 'RELEASE' THEN -district_share ELSE district_share END) FILTER (WHERE kind IN ('COMMITMENT','COMMITMENT_CHANGE','RELEASE')), 0) AS cd,
                coalesce(sum(state_share) FILTER (WHERE kind = 'DISBURSEMENT'), 0) AS ds,
                coalesce(sum(district_share) FILTER (WHERE kind = 'DISBURSEMENT'), 0) AS dd,
                coalesce(sum(state_share) FILTER (WHERE kind = 'DISBURSEMENT_PAID'), 0) AS ps,
                coalesce(sum(district_share) FILTER (WHERE kind = 'DISBURSEMENT_PAID'), 0) AS pd,
                coalesce(sum(state_share) FILTER (WHERE kind = 'RECOVERY_DUE'), 0) AS rds,
                coalesce(sum(district_share) FILTER (WHERE kind = 'RECOVERY_DUE'), 0) AS rdd,
                coalesce(sum(state_share) FILTER (WHERE kind = 'RECOVERY_RECEIVED'), 0) AS rrs,
                coalesce(sum(district_share) FILTER (WHERE kind = 'RECOVERY_RECEIVED'), 0) AS rrd,
                coalesce(sum(state_share) FILTER (WHERE kind = 'STATE_DRAWDOWN'), 0) AS sd,
                coalesce(sum(state_share) FILTER (WHERE kind = 'STATE_REFUND'), 0) AS sr,
                count(*) AS n, max(id) AS last_id
           FROM budget_ledger_entry WHERE budget_year_id IN (SELECT id FROM g_year) GROUP BY budget_year_id) s
       WHERE b.budget_year_id = s.budget_year_id`,
    );
    const home = (await q(`SELECT y.year, y.id, y.call_id FROM g_year y WHERE y.district_no = 1 ORDER BY y.year`)).rows;
    const [proof] = (await q(`SELECT proof_id, decision_id FROM g_project WHERE district_no = 1 ORDER BY year DESC, provider_no LIMIT 1`)).rows;
    await q('COMMIT');
    return { homeDistrictId: t.home_id, homeYears: home.map((r) => ({ year: r.year, id: r.id })), proofId: proof.proof_id, decisionId: proof.decision_id };
  } catch (err) {
    await q('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

module.exports = { FULL, FIRST_YEAR, sizes, generate };
