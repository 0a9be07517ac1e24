import { registerAliases } from './aliases';
import { databaseUrl, TEMPLATE_ENV } from './env';

export default async function globalTeardown(): Promise<void> {
  registerAliases();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { dropDatabase } = require('@foerderfluss/database') as typeof import('@foerderfluss/database');
  const name = process.env[TEMPLATE_ENV];
  if (name) await dropDatabase(databaseUrl(name));
}
