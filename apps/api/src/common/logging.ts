import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DynamicModule, LoggerService } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Logger as PinoInstance } from 'pino';
import { AppConfig, createPinoLogger, LogDestination } from '@foerderfluss/core';

/** Probes from orchestrators and scrapers would drown the request log; they say nothing new. */
const QUIET_PATHS = /^\/(?:api\/v1\/health(?:\/|$|\?)|metrics(?:$|\?))/;

type LoggedRequest = IncomingMessage & { user?: { userId?: string }; route?: { path?: string }; originalUrl?: string };

/**
 * nestjs-pino: one line per finished request (request id, user, route, status, duration) and a
 * Nest LoggerService over the same pino instance for app.useLogger().
 */
export function loggingModule(config: AppConfig, destination?: LogDestination, existing?: PinoInstance): DynamicModule {
  const logger = existing ?? createPinoLogger(config, destination);
  return LoggerModule.forRoot({
    pinoHttp: {
      logger,
      // configureApp's middleware already set req.id (from a valid X-Request-Id or a new UUID);
      // the log line carries that same id, which problem+json bodies and audit events also carry.
      genReqId: (req) => req.id ?? '-',
      quietReqLogger: true,
      autoLogging: { ignore: (req) => QUIET_PATHS.test(pathOf(req)) },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      // pino-http asks at the start too (for req.log); only the answer at the end knows the user
      // (set by the guard) and the matched route, and asking twice would write both keys twice.
      customProps: (req, res) =>
        res.headersSent ? { userId: (req as LoggedRequest).user?.userId ?? null, route: (req as LoggedRequest).route?.path ?? null } : {},
      // Only what an operator needs; headers (tokens, cookies) and bodies (passwords, IBANs) stay out.
      serializers: {
        // Without the query string: a signed download link or a search term is nobody's business.
        req: (req: { method?: string; url?: string }) => ({ method: req.method, url: req.url?.split('?')[0] }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
      customSuccessMessage: (req: IncomingMessage, res: ServerResponse, ms: number) => `${req.method} ${pathOf(req)} ${res.statusCode} ${ms}ms`,
      customErrorMessage: (req: IncomingMessage, res: ServerResponse) => `${req.method} ${pathOf(req)} ${res.statusCode}`,
    },
  });
}

function pathOf(req: IncomingMessage): string {
  return ((req as LoggedRequest).originalUrl ?? req.url ?? '').split('?')[0];
}

/**
 * A Nest LoggerService straight over the pino instance, for what main.ts logs before (database
 * preparation) or instead of (cluster primary) the app. Not nestjs-pino's PinoLogger: the first one
 * constructed creates nestjs-pino's one pino-http middleware with the options it was given, so one
 * made in main.ts would leave loggingModule's options (request id, quiet probes, serializers that
 * drop headers, levels by status) unused and log every request with all its headers at info.
 */
export function plainNestLogger(pino: PinoInstance): LoggerService {
  const context = (params: unknown[]): { context?: string } => {
    const last = params[params.length - 1];
    return typeof last === 'string' ? { context: last } : {};
  };
  return {
    log: (message: unknown, ...params: unknown[]) => pino.info(context(params), String(message)),
    warn: (message: unknown, ...params: unknown[]) => pino.warn(context(params), String(message)),
    debug: (message: unknown, ...params: unknown[]) => pino.debug(context(params), String(message)),
    verbose: (message: unknown, ...params: unknown[]) => pino.trace(context(params), String(message)),
    fatal: (message: unknown, ...params: unknown[]) => pino.fatal(context(params), String(message)),
    error: (message: unknown, ...params: unknown[]) => {
      const stack = params.length > 1 && typeof params[0] === 'string' ? params[0] : undefined;
      pino.error({ ...context(params), ...(stack ? { stack } : {}) }, String(message));
    },
  };
}
