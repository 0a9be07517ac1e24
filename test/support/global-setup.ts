import { randomBytes } from 'node:crypto';
import { registerAliases } from './aliases';
import { asAppRole, databaseUrl, TEMPLATE_ENV } from './env';

/**
 * Builds one migrated and seeded template database per test run; every e2e file then clones
 * it (CREATE DATABASE … TEMPLATE), which takes a fraction of a second.
 */
export default async function globalSetup(): Promise<void> {
  registerAliases();
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { loadConfig } = require('@foerderfluss/core') as typeof import('@foerderfluss/core');
  const { prepareDatabase } = require('../../apps/api/src/prepare') as typeof import('../../apps/api/src/prepare');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const name = `ff_tpl_${randomBytes(5).toString('hex')}`;
  // Migrated and seeded as the superuser (the owner); prepare creates the application role if needed and grants it its rights.
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: asAppRole(databaseUrl(name)), DATABASE_MIGRATION_URL: databaseUrl(name), SEED_DEMO: 'true' });
  const quiet = { log: () => undefined, error: console.error, warn: console.warn };
  // Without the demo's history years (2024, 2025): many specs create a budget year 2025 of their
  // own with their own clock; test/demo-history.e2e-spec.ts seeds the history into its clone.
  await prepareDatabase(config, quiet, { demoOpenCall: false, demoHistory: false });
  process.env[TEMPLATE_ENV] = name;
}
