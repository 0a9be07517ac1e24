import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { ConsoleLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigError, DomainError, loadConfig } from '@foerderfluss/core';
import { runMigrations } from '@foerderfluss/database';
import { MIGRATIONS } from '../../../migrations';
import { AppModule } from './app.module';
import { buildOpenApiDocument, configureApp } from './configure-app';
import { checkRedis, prepareDatabase, ServiceUnreachableError } from './prepare';

/**
 * Operator commands:
 *   prepare          check PostgreSQL and Redis, create the database, migrate, seed
 *   migrate          run pending migrations only
 *   openapi <file>   write the OpenAPI document (no database needed)
 */
async function main(): Promise<void> {
  const [command, arg] = process.argv.slice(2);
  const logger = new ConsoleLogger('Förderfluss');
  switch (command) {
    case 'prepare': {
      const config = loadConfig();
      await checkRedis(config.redisUrl);
      await prepareDatabase(config, logger);
      return;
    }
    case 'migrate': {
      const config = loadConfig();
      const applied = await runMigrations(config.databaseUrl, MIGRATIONS);
      logger.log(applied.length ? `applied: ${applied.join(', ')}` : 'no pending migrations');
      return;
    }
    case 'openapi': {
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
    default:
      console.error('usage: cli.js prepare | migrate | openapi [file]');
      process.exit(2);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    if (err instanceof ConfigError || err instanceof ServiceUnreachableError) console.error(err.message);
    else if (err instanceof DomainError) console.error(`${err.message}\n${err.errors.map((e) => `  ${e.path}: ${e.message}`).join('\n')}`);
    else console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
