import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger, Optional } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, FieldError } from '@foerderfluss/core';
import { isDatabaseUnavailable } from '@foerderfluss/database';
import { AccessDeniedAudit, type ApiRequest } from './access-denied.audit';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Titles per status; `detail` carries the specific German explanation. */
const TITLES: Record<number, string> = {
  400: 'Ungültige Anfrage',
  401: 'Nicht angemeldet',
  403: 'Keine Berechtigung',
  404: 'Nicht gefunden',
  405: 'Methode nicht erlaubt',
  409: 'Konflikt',
  413: 'Anfrage zu groß',
  415: 'Format nicht unterstützt',
  422: 'Nicht verarbeitbar',
  429: 'Zu viele Anfragen',
  500: 'Interner Fehler',
  503: 'Dienst nicht verfügbar',
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  requestId?: string;
  errors: FieldError[];
  [extension: string]: unknown;
}

const GENERIC_BY_STATUS: Record<number, { code: string; detail: string }> = {
  400: { code: 'BAD_REQUEST', detail: 'Die Anfrage ist ungültig.' },
  401: { code: 'AUTH_REQUIRED', detail: 'Bitte melden Sie sich an. Die Sitzung ist abgelaufen oder ungültig.' },
  403: { code: 'FORBIDDEN', detail: 'Für diese Aktion fehlt Ihnen die Berechtigung.' },
  404: { code: 'NOT_FOUND', detail: 'Die angeforderte Ressource wurde nicht gefunden.' },
  405: { code: 'METHOD_NOT_ALLOWED', detail: 'Diese Methode ist hier nicht erlaubt.' },
  413: { code: 'PAYLOAD_TOO_LARGE', detail: 'Die Anfrage ist zu groß.' },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', detail: 'Bitte senden Sie die Daten als JSON (Content-Type: application/json).' },
  429: { code: 'TOO_MANY_REQUESTS', detail: 'Zu viele Anfragen. Bitte warten Sie einen Moment.' },
  503: { code: 'SERVICE_UNAVAILABLE', detail: 'Der Dienst ist vorübergehend nicht verfügbar. Bitte versuchen Sie es später erneut.' },
};

export function problemType(code: string): string {
  return `https://foerderfluss.de/probleme/${code.toLowerCase().replace(/_/g, '-')}`;
}

/**
 * The one place that builds error bodies. Every failure becomes application/problem+json with a
 * German detail and a stable code; stack traces, SQL and class names never leave the process.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  /** Absent where the filter is built by hand (the 404 fallback for unknown paths). */
  constructor(@Optional() private readonly accessDenied?: AccessDeniedAudit) {}

  catch(exception: unknown, host: ArgumentsHost): void | Promise<void> {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<ApiRequest>();
    const problem = this.toProblem(exception);
    problem.instance = req.originalUrl?.split('?')[0];
    if (req.id) problem.requestId = String(req.id);

    if (problem.status >= 500) {
      this.logger.error(
        `${req.method} ${problem.instance} -> ${problem.status} ${problem.code} [${problem.requestId ?? '-'}]`,
        exception instanceof Error ? exception.stack : String(exception),
      );
    }
    if (this.accessDenied?.applies(req, problem.status)) {
      // Recorded before the answer leaves, so the event exists when the caller sees its 403/404.
      return this.accessDenied.record(req, problem.status, problem.code).then(() => this.send(res, problem));
    }
    this.send(res, problem);
  }

  private send(res: Response, problem: Problem): void {
    if (res.headersSent) return;
    const retryAfter = problem.retryAfterSeconds;
    if (typeof retryAfter === 'number') res.setHeader('Retry-After', String(Math.max(1, Math.ceil(retryAfter))));
    res.setHeader('Cache-Control', 'no-store');
    res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  toProblem(exception: unknown): Problem {
    if (exception instanceof DomainError) {
      return this.build(exception.status, exception.code, exception.detail, exception.errors, exception.extensions);
    }
    // body-parser failures reach us as HttpExceptions (Nest maps them) with the original as cause.
    const cause = exception instanceof HttpException ? (exception.cause as { type?: unknown } | undefined) : undefined;
    if (cause?.type === 'entity.parse.failed' || (exception instanceof HttpException && exception.cause instanceof SyntaxError)) {
      return this.build(400, 'MALFORMED_JSON', 'Der Inhalt der Anfrage ist kein gültiges JSON.');
    }
    if (cause?.type === 'entity.too.large') {
      return this.build(413, 'PAYLOAD_TOO_LARGE', 'Die Anfrage ist zu groß. Bitte senden Sie weniger Daten auf einmal.');
    }
    if (typeof cause?.type === 'string' && cause.type.startsWith('charset') ) {
      return this.build(415, 'UNSUPPORTED_MEDIA_TYPE', 'Bitte senden Sie die Daten als UTF-8-kodiertes JSON.');
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status === HttpStatus.SERVICE_UNAVAILABLE) return this.serviceUnavailable(exception);
      if (status === HttpStatus.NOT_FOUND) {
        return this.build(404, 'NOT_FOUND', 'Die angeforderte Adresse gibt es nicht.');
      }
      const g = GENERIC_BY_STATUS[status] ?? { code: `HTTP_${status}`, detail: 'Die Anfrage konnte nicht bearbeitet werden.' };
      return this.build(status, g.code, g.detail);
    }
    if (isDatabaseUnavailable(exception)) {
      return this.build(
        503,
        'DATABASE_UNAVAILABLE',
        'Die Datenbank ist vorübergehend nicht erreichbar. Es wurde nichts gespeichert. Bitte versuchen Sie es in einigen Minuten erneut.',
        [],
        { retryAfterSeconds: 30 },
      );
    }
    return this.build(500, 'INTERNAL_ERROR', 'Ein unerwarteter Fehler ist aufgetreten. Es wurde nichts gespeichert. Bitte wenden Sie sich mit der Vorgangsnummer (requestId) an den Support.');
  }

  /** Terminus reports which dependency is down; name them in German, without internals. */
  private serviceUnavailable(exception: HttpException): Problem {
    const body = exception.getResponse() as { error?: Record<string, { status?: string }>; details?: Record<string, { status?: string }> };
    const details = body && typeof body === 'object' ? (body.details ?? body.error) : undefined;
    if (details && typeof details === 'object') {
      const names: Record<string, string> = { database: 'Datenbank', redis: 'Redis (Warteschlange)', migrations: 'Datenbankschema (Migrationen ausstehend)' };
      const checks = Object.fromEntries(Object.entries(details).map(([k, v]) => [k, v?.status === 'up' ? 'up' : 'down']));
      const down = Object.keys(checks).filter((k) => checks[k] !== 'up').map((k) => names[k] ?? k);
      return this.build(
        503,
        'HEALTH_CHECK_FAILED',
        `Nicht erreichbar: ${down.join(', ') || 'unbekannt'}.`,
        [],
        { checks },
      );
    }
    const g = GENERIC_BY_STATUS[503]!;
    return this.build(503, g.code, g.detail);
  }

  private build(status: number, code: string, detail: string, errors: FieldError[] = [], extensions: Record<string, unknown> = {}): Problem {
    // Extensions never override the standard members.
    return {
      ...extensions,
      type: problemType(code),
      title: TITLES[status] ?? 'Fehler',
      status,
      detail,
      code,
      errors,
    };
  }
}
