// First: the tracing bootstrap patches http, pg and ioredis before anything loads them.
import './tracing';
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoNestLogger, PinoLogger } from 'nestjs-pino';
import { ConfigError, createPinoLogger, loadConfig } from '@foerderfluss/core';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  // The worker has no HTTP side, so no LoggerModule: the same pino setup as the api (JSON, redaction,
  // LOG_LEVEL/LOG_FORMAT) behind Nest's LoggerService, so the jobs' Logger calls come out as JSON lines.
  const pino = createPinoLogger(config, undefined, 'foerderfluss-worker');
  const logger = new PinoNestLogger(new PinoLogger({ pinoHttp: { logger: pino } }), {});
  const app = await NestFactory.createApplicationContext(WorkerModule.register(config, { pino }), { logger });
  // SIGTERM/SIGINT: close workers (running jobs finish), then the database pool.
  app.enableShutdownHooks();
  await app.init();
}

bootstrap().catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(err.message);
  else new Logger('Förderfluss-Worker').error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
