#!/usr/bin/env node
// `npm run bench:ledger`: how fast money can be committed under contention, and how fast a
// year's balances are read with 1.000.000 ledger entries in the table.
//   1. commitments/s and latency p50/p99 at 1, 10 and 50 concurrent clients (each commitment
//      is one transaction: lock the balance row, check, append entry, move balance, audit event);
//   2. balances of a year with 1.000.000 entries: materialised row (what the api serves) vs
//      SUM over the entries. Goal: under 50 ms at 1.000.000 entries.
// Needs a build (npm run build). Uses its own database (ff_bench_ledger), dropped afterwards.
'use strict';
require('reflect-metadata');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { Client } = require('pg');
const { DataSource } = require('typeorm');

const root = path.resolve(__dirname, '..', '..');
const dist = (p) => path.join(root, 'dist', p);
const { loadConfig, Money, Rate, SystemClock, systemScope } = require(dist('libs/core/src'));
const { dataSourceOptions, TransactionRunner } = require(dist('libs/database/src'));
const { AuditService } = require(dist('libs/audit/src'));
const { BudgetYearsService, LedgerService, LedgerKind } = require(dist('libs/funding/src'));
const { ALL_ENTITIES } = require(dist('apps/api/src/entities'));

const SECONDS = Number(process.env.BENCH_SECONDS || 5);
const ENTRIES = Number(process.env.BENCH_ENTRIES || 1_000_000);
const server = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const dbUrl = (() => {
  const u = new URL(server);
  u.pathname = '/ff_bench_ledger';
  return u.toString();
})();

async function admin(sql) {
  const c = new Client({ connectionString: server });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main() {
  await admin('DROP DATABASE IF EXISTS ff_bench_ledger WITH (FORCE)');
  const env = { ...process.env, DATABASE_URL: dbUrl, SEED_DEMO: 'false', LOG_LEVEL: 'warn' };
  const prepared = spawnSync(process.execPath, [dist('apps/api/src/cli.js'), 'prepare'], { env, stdio: 'inherit' });
  if (prepared.status !== 0) throw new Error('prepare failed (did you run npm run build?)');

  const config = loadConfig({ ...env, DATABASE_POOL_SIZE: '60' });
  const ds = new DataSource(dataSourceOptions(config, ALL_ENTITIES));
  await ds.initialize();
  const audit = new AuditService(ds);
  const clock = new SystemClock(config.timezone);
  const ledger = new LedgerService(audit, clock);
  const tx = new TransactionRunner(ds);
  const years = new BudgetYearsService(tx, ledger, audit, clock);
  const [{ id: programmeId }] = await ds.query(`SELECT id FROM programme WHERE code = 'SOZIALBERATUNG_FLUECHTLINGE'`);
  const newYear = (year, state, district) =>
    years.create(systemScope(), {
      programmeId,
      year,
      stateGrantReference: `BENCH-${year}`,
      stateGrantDate: `${year - 1}-12-01`,
      stateMaxAmount: Money.of(state),
      stateRatePercent: Rate.fromPercent('80'),
      periodStart: `${year}-01-01`,
      periodEnd: `${year}-12-31`,
      stateProofDue: `${year + 1}-06-30`,
      districtShareAmount: Money.of(district),
      districtBudgetLine: 'BENCH',
      applicationDeadline: null,
    });

  try {
    console.log(`\nbench:ledger  node ${process.version}, ${require('node:os').cpus().length} cpus, ${SECONDS} s per level`);
    const y = await newYear(2090, '8000000000.00', '2000000000.00');
    for (const clients of [1, 10, 50]) {
      const latencies = [];
      const end = Date.now() + SECONDS * 1000;
      const worker = async () => {
        while (Date.now() < end) {
          const t0 = process.hrtime.bigint();
          await tx.run((em) => ledger.post(em, systemScope(), { budgetYearId: y.year.id, kind: LedgerKind.COMMITMENT, amount: Money.of('1.00') }));
          latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        }
      };
      const started = Date.now();
      await Promise.all(Array.from({ length: clients }, worker));
      const secs = (Date.now() - started) / 1000;
      latencies.sort((a, b) => a - b);
      console.log(
        `commitments, ${String(clients).padStart(2)} clients: ${String(Math.round(latencies.length / secs)).padStart(5)}/s   p50 ${pct(latencies, 50).toFixed(1)} ms   p99 ${pct(latencies, 99).toFixed(1)} ms   (${latencies.length} in ${secs.toFixed(1)} s)`,
      );
    }

    // 1.000.000 entries in one year, written in bulk; the balance row brought in step from them.
    const big = await newYear(2091, '8000000000.00', '2000000000.00');
    const t0 = Date.now();
    await ds.query(
      `INSERT INTO budget_ledger_entry (budget_year_id, kind, amount, state_share, district_share, booking_date)
       SELECT $1, CASE WHEN g % 10 = 0 THEN 'DISBURSEMENT' ELSE 'COMMITMENT' END, 10.00, 8.00, 2.00, DATE '2091-01-01' + (g % 365)
         FROM generate_series(1, $2) g`,
      [big.year.id, ENTRIES - 2],
    );
    const computed0 = await years.balancesFromLedger(big.year.id);
    await ds.query(
      `UPDATE budget_year_balance SET committed_state = $2, committed_district = $3, disbursed_state = $4, disbursed_district = $5, entry_count = $6
        WHERE budget_year_id = $1`,
      [
        big.year.id,
        computed0.committed.state.toApiString(),
        computed0.committed.district.toApiString(),
        // approved payouts (DISBURSEMENT) are "angewiesen" plus "ausgezahlt"
        computed0.approvedNotPaid.state.plus(computed0.paid.state).toApiString(),
        computed0.approvedNotPaid.district.plus(computed0.paid.district).toApiString(),
        String(computed0.entryCount),
      ],
    );
    await ds.query('ANALYZE budget_ledger_entry');
    console.log(`filled ${ENTRIES.toLocaleString('de-DE')} entries in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const time = async (label, runs, fn) => {
      const ms = [];
      for (let i = 0; i < runs; i++) {
        const s = process.hrtime.bigint();
        await fn();
        ms.push(Number(process.hrtime.bigint() - s) / 1e6);
      }
      ms.sort((a, b) => a - b);
      console.log(`${label.padEnd(58)} median ${pct(ms, 50).toFixed(2)} ms   max ${ms[ms.length - 1].toFixed(2)} ms   (${runs} runs)`);
      return pct(ms, 50);
    };
    const materialised = await time(`balances, materialised row (${ENTRIES.toLocaleString('de-DE')} entries)`, 200, () => years.get(big.year.id));
    const summed = await time(`balances, SUM over entries (${ENTRIES.toLocaleString('de-DE')} entries)`, 5, () => years.balancesFromLedger(big.year.id));
    const served = await years.get(big.year.id);
    const check = await years.balancesFromLedger(big.year.id);
    if (!served.balances.committed.total.equals(check.committed.total)) throw new Error('materialised and summed balances differ');
    console.log(`goal: balances < 50 ms at ${ENTRIES.toLocaleString('de-DE')} entries -> ${materialised < 50 ? 'met' : 'NOT met'} (materialised ${(summed / materialised).toFixed(0)}× faster than summing)`);
  } finally {
    await ds.destroy();
    await admin('DROP DATABASE IF EXISTS ff_bench_ledger WITH (FORCE)');
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
