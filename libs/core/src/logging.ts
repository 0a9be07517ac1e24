import pino, { DestinationStream, Level, Logger as PinoInstance } from 'pino';
import type { AppConfig } from './config';
import { currentRequestId } from './request-context';
import { activeTraceIds } from './tracing';

/**
 * Where log lines go. Tests pass a stream to read the lines back, or 'silent' to keep jest's
 * output readable; without it the api writes to stdout.
 */
export type LogDestination = DestinationStream | 'silent';

/** Nest's level names → pino's ('log' is Nest's info, 'verbose' its trace). */
const PINO_LEVEL: Record<AppConfig['logLevel'], Level> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/**
 * Paths that must never reach a log line: tokens (Authorization, cookies, the login answer),
 * passwords and IBANs. Request bodies are not logged at all; these paths are the second line of
 * defence for objects a Logger call passes by hand (one and two levels deep).
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'authorization',
  'accessToken',
  'token',
  'password',
  'currentPassword',
  'newPassword',
  'iban',
  '*.authorization',
  '*.accessToken',
  '*.token',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.iban',
];

function logContext(): Record<string, string> {
  const requestId = currentRequestId();
  return requestId ? { requestId, ...activeTraceIds() } : activeTraceIds();
}

export function createPinoLogger(config: AppConfig, destination?: LogDestination, name = 'foerderfluss-api'): PinoInstance {
  const options: pino.LoggerOptions = {
    name,
    level: destination === 'silent' ? 'silent' : PINO_LEVEL[config.logLevel],
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    // ISO time reads better in a shipper than epoch milliseconds, at the same cost.
    timestamp: pino.stdTimeFunctions.isoTime,
    // A line written for a request or a job it enqueued names that request (requestId, also in
    // Logger calls of services), and inside a traced span the span (trace_id, span_id).
    mixin: logContext,
  };
  if (destination && destination !== 'silent') return pino(options, destination);
  if (config.logFormat === 'pretty') {
    // pino-pretty formats in a worker thread, so even development keeps the event loop free.
    return pino({ ...options, transport: { target: 'pino-pretty', options: { colorize: true, singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } });
  }
  // Asynchronous stdout: a log write never blocks a request (bench:api); flushed on exit by pino.
  return pino(options, pino.destination({ dest: 1, sync: false }));
}

