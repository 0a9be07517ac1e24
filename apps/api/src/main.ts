// First: the tracing bootstrap patches http, express, pg and ioredis before anything loads them.
import './tracing';
import 'reflect-metadata';
import cluster, { type Worker } from 'node:cluster';
import { Logger, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig, ConfigError, createPinoLogger, loadConfig } from '@foerderfluss/core';
import { AppModule } from './app.module';
import { configureApp, installNotFoundFallback, serveWebApp, setupSwagger } from './configure-app';
import { prepareDatabase } from './prepare';
import { plainNestLogger } from './common/logging';

type Pino = ReturnType<typeof createPinoLogger>;

async function main(): Promise<void> {
  const config = loadConfig();
  const pino = createPinoLogger(config);
  // The same JSON lines (and redaction) for the database preparation as for the running app.
  const logger = plainNestLogger(pino);
  // Cluster workers never migrate: their primary did, once, before forking them.
  if (cluster.isPrimary && config.migrateOnStart) await prepareDatabase(config, logger);
  if (cluster.isPrimary && config.apiWorkers > 1) {
    runPrimary(config, logger);
    return;
  }
  await serve(config, pino, logger);
}

async function serve(config: AppConfig, pino: Pino, logger: LoggerService): Promise<void> {
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
  const worker = cluster.isWorker ? ` (worker ${cluster.worker?.id ?? '?'} of ${config.apiWorkers})` : '';
  logger.log(`api listening on http://localhost:${config.port}/api/v1 (docs: /api/docs)${web ? `, web app on http://localhost:${config.port}/` : ''}${worker}`, 'Förderfluss');
}

/**
 * API_WORKERS > 1: this process only forks the api processes, which share the port (the primary
 * accepts and hands connections out in turn). A worker that dies after it was listening is
 * replaced; one that dies before (bad config, database gone at boot) would die again, so the
 * whole api stops and its supervisor decides. SIGTERM/SIGINT go to every worker, each finishes
 * its requests (Nest shutdown hooks), then the primary exits.
 */
function runPrimary(config: AppConfig, logger: LoggerService): void {
  const alive = new Set<Worker>();
  const listening = new WeakSet<Worker>();
  let stopping: { exitCode: number } | null = null;
  const stop = (signal: NodeJS.Signals, exitCode: number): void => {
    if (stopping) return;
    stopping = { exitCode };
    if (alive.size === 0) process.exit(exitCode);
    for (const w of alive) w.process.kill(signal);
  };
  cluster.on('listening', (worker) => listening.add(worker));
  cluster.on('exit', (worker, code, signal) => {
    alive.delete(worker);
    if (stopping) {
      if (alive.size === 0) process.exit(stopping.exitCode);
      return;
    }
    const how = signal ? `signal ${signal}` : `code ${code}`;
    if (listening.has(worker)) {
      logger.error(`api worker ${worker.process.pid} exited (${how}); starting a new one`, undefined, 'Förderfluss');
      alive.add(cluster.fork());
      return;
    }
    logger.error(`api worker ${worker.process.pid} exited during start (${how}); stopping the api`, undefined, 'Förderfluss');
    stop('SIGTERM', 1);
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => stop(signal, 0));
  logger.log(`api primary ${process.pid}: starting ${config.apiWorkers} workers on port ${config.port}`, 'Förderfluss');
  for (let i = 0; i < config.apiWorkers; i++) alive.add(cluster.fork());
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
  } else {
    new Logger('Förderfluss').error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  }
  process.exit(1);
});
