import 'reflect-metadata';
import { ConsoleLogger, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig } from '@foerderfluss/core';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const logger = new ConsoleLogger('Förderfluss-Worker', { json: config.nodeEnv === 'production' });
  const app = await NestFactory.createApplicationContext(WorkerModule.register(config), { logger });
  // SIGTERM/SIGINT: close workers (running jobs finish), then the database pool.
  app.enableShutdownHooks();
  await app.init();
}

bootstrap().catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(err.message);
  else new Logger('Förderfluss-Worker').error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
