import 'reflect-metadata';
import { ConsoleLogger, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigError, loadConfig } from '@foerderfluss/core';
import { AppModule } from './app.module';
import { configureApp, installNotFoundFallback, serveWebApp, setupSwagger } from './configure-app';
import { prepareDatabase } from './prepare';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const logger = new ConsoleLogger('Förderfluss', { json: config.nodeEnv === 'production', logLevels: levels(config.logLevel) });
  if (config.migrateOnStart) await prepareDatabase(config, logger);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
    bodyParser: false,
    logger,
  });
  configureApp(app, config);
  setupSwagger(app);
  await app.init();
  const web = serveWebApp(app);
  installNotFoundFallback(app);
  await app.listen(config.port);
  logger.log(`api listening on http://localhost:${config.port}/api/v1 (docs: /api/docs)${web ? `, web app on http://localhost:${config.port}/` : ''}`);
}

function levels(level: string): ('fatal' | 'error' | 'warn' | 'log' | 'debug' | 'verbose')[] {
  const all = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;
  return all.slice(0, all.indexOf(level as (typeof all)[number]) + 1);
}

bootstrap().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
  } else {
    new Logger('Förderfluss').error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  }
  process.exit(1);
});
