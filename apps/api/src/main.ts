// First: the tracing bootstrap patches http, express, pg and ioredis before anything loads them.
import './tracing';
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoNestLogger, PinoLogger } from 'nestjs-pino';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigError, createPinoLogger, loadConfig } from '@foerderfluss/core';
import { AppModule } from './app.module';
import { configureApp, installNotFoundFallback, serveWebApp, setupSwagger } from './configure-app';
import { prepareDatabase } from './prepare';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const pino = createPinoLogger(config);
  // The same JSON lines (and redaction) for the database preparation as for the running app.
  const logger = new PinoNestLogger(new PinoLogger({ pinoHttp: { logger: pino }}), {});
  if (config.migrateOnStart) await prepareDatabase(config, logger);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, { pino }), {
    bodyParser: false,
    // Lines from the boot phase wait for the pino logger, so every line after prepare is JSON.
    bufferLogs: true,
  });
  app.useLogger(app.get(PinoNestLogger));
  configureApp(app, config);
  setupSwagger(app);
  await app.init();
  const web = serveWebApp(app);
  installNotFoundFallback(app);
  await app.listen(config.port);
  logger.log(`api listening on http://localhost:${config.port}/api/v1 (docs: /api/docs)${web ? `, web app on http://localhost:${config.port}/` : ''}`, 'Förderfluss');
}

bootstrap().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
  } else {
    new Logger('Förderfluss').error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  }
  process.exit(1);
});
