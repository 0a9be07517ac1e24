import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DynamicModule } from '@nestjs/common';
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
