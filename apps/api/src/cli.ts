import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { ConsoleLogger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigError, DomainError, loadConfig } from '@foerderfluss/core';
import { BackupError } from './backup/backup-tools';
import { runBackup } from './backup/backup';
import { runRestore } from './backup/restore';

// Each command loads what it needs (import() below): backup and restore, run by cron and in the
// drill test, need neither the Nest application nor the seeds.

/**
 * Operator commands:
 *   prepare          check PostgreSQL and Redis, create the database, migrate, seed
 *   migrate          run pending migrations (as DATABASE_MIGRATION_URL), then the application role's grants
 *   openapi <file>   write the OpenAPI document (no database needed)
 *   backup [--out <dir>]                     database dump + stored files + manifest (docs/operations.md)
 *   restore <dir> [--database-url <url>]     into an empty database, then migrate and verify the audit chain
 *   district:create --name <n> --code <DISTRICT_…> [--prefix GRZ] [--social-areas file.csv]
 *                   [--admin-email <e> --admin-name <n>] [--street … --postal-code … --city …]
 *                   onboard a Kreis (idempotent by code); prints the first ADMIN's one-time password
 */
async function main(): Promise<void> {
  const [command, arg, ...rest] = process.argv.slice(2);
  const logger = new ConsoleLogger('Förderfluss');
  switch (command) {
    case 'prepare': {
      const { checkRedis, prepareDatabase } = await import('./prepare');
      const config = loadConfig();
      await checkRedis(config.redisUrl);
      await prepareDatabase(config, logger);
      return;
    }
    case 'migrate': {
      const config = loadConfig();
      const { migrateAndGrant } = await import('./prepare');
      const applied = await migrateAndGrant(config, logger);
      logger.log(applied.length ? `applied: ${applied.join(', ')}` : 'no pending migrations');
      return;
    }
    case 'openapi': {
      const [{ NestFactory }, { AppModule }, { buildOpenApiDocument, configureApp }] = await Promise.all([import('@nestjs/core'), import('./app.module'), import('./configure-app')]);
      const config = loadConfig();
      // preview: builds the module graph without instantiating providers, so no database is needed.
      const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
        preview: true,
        bodyParser: false,
        logger: false,
      });
      configureApp(app, config);
      const doc = buildOpenApiDocument(app);
      const json = `${JSON.stringify(doc, null, 2)}\n`;
      if (arg) writeFileSync(arg, json);
      else process.stdout.write(json);
      await app.close();
      return;
    }
    case 'backup': {
      const config = loadConfig();
      const args = options([arg, ...rest].filter((a): a is string => a !== undefined), ['--out']);
      const { dir, manifest } = await runBackup(config, { out: args['--out'], log: (line) => logger.log(line) });
      logger.log(`Sicherung fertig: ${dir} (Datenbank ${manifest.database.size} Bytes, ${manifest.files.length} Dateien, Auditkette ${manifest.audit.events} Ereignisse)`);
      return;
    }
    case 'restore': {
      const config = loadConfig();
      if (!arg || arg.startsWith('--')) throw new BackupError('Aufruf: npm run restore -- <Sicherungsverzeichnis> [--database-url <URL>]');
      const args = options(rest, ['--database-url']);
      const result = await runRestore(config, arg, { databaseUrl: args['--database-url'], log: (line) => logger.log(line) });
      const { audit } = result;
      if (!audit.valid) {
        throw new BackupError(`Wiederhergestellt, aber die Auditkette ist NICHT intakt: ${audit.checked} Ereignisse geprüft, erster Bruch bei Ereignis ${audit.firstBrokenId ?? '–'}.`);
      }
      logger.log(`Wiederherstellung fertig: ${result.files} Dateien, Migrationen ${result.migrationsApplied.length ? result.migrationsApplied.join(', ') : 'keine'}; Auditkette intakt (${audit.checked} Ereignisse geprüft).`);
      return;
    }
    case 'district:create': {
      const config = loadConfig();
      const args = options([arg, ...rest].filter((a): a is string => a !== undefined), [
        '--name',
        '--code',
        '--prefix',
        '--social-areas',
        '--admin-email',
        '--admin-name',
        '--street',
        '--postal-code',
        '--city',
      ]);
      if (!args['--name'] || !args['--code']) throw new BackupError('Aufruf: npm run district:create -- --name <Name> --code <DISTRICT_…> [--prefix GRZ] [--social-areas datei.csv] [--admin-email … --admin-name …]');
      if (args['--admin-name'] && !args['--admin-email']) throw new BackupError('--admin-name braucht --admin-email.');
      const { runDistrictCreate } = await import('./district-admin/district-create');
      await runDistrictCreate(
        config,
        {
          name: args['--name'],
          code: args['--code'],
          prefix: args['--prefix'],
          socialAreasFile: args['--social-areas'],
          adminEmail: args['--admin-email'],
          adminName: args['--admin-name'],
          street: args['--street'],
          postalCode: args['--postal-code'],
          city: args['--city'],
        },
        (line) => console.log(line),
      );
      return;
    }
    default:
      console.error('usage: cli.js prepare | migrate | openapi [file] | backup [--out dir] | restore <dir> [--database-url url] | district:create --name n --code c [...]');
      process.exit(2);
  }
}

/** `--name value` pairs of the known names; anything else is refused (a typo must not be ignored). */
function options(args: string[], known: readonly string[]): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (let i = 0; i < args.length; i += 2) {
    const [name, value] = [args[i]!, args[i + 1]];
    if (!known.includes(name) || value === undefined || value.startsWith('--')) {
      throw new BackupError(`Unbekannte oder unvollständige Angabe „${name}“. Erlaubt: ${known.map((k) => `${k} <Wert>`).join(', ')}.`);
    }
    out[name] = value;
  }
  return out;
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    // ServiceUnreachableError by name: prepare.ts is loaded only by the prepare command.
    if (err instanceof ConfigError || err instanceof BackupError || (err instanceof Error && err.name === 'ServiceUnreachableError')) console.error(err.message);
    else if (err instanceof DomainError) console.error(`${err.message}\n${err.errors.map((e) => `  ${e.path}: ${e.message}`).join('\n')}`);
    else console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
