import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { INestApplication, NotFoundException } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { type AppConfig, runInRequestContext } from '@foerderfluss/core';
import { createValidationPipe } from './common/validation';
import { PROBLEM_CONTENT_TYPE, ProblemFilter } from './common/problem.filter';
import { METRICS_PATH } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';

export const API_PREFIX = 'api/v1';
export const DOCS_PATH = 'api/docs';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,100}$/;

/** Everything about the HTTP skin that both main.ts and the e2e tests must share. */
export function configureApp(app: NestExpressApplication, config: AppConfig): void {
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  // Data responses are no-store, so ETags would only cost a hash per response.
  app.set('etag', false);
  // First, so the histogram times the whole request, including helmet and body parsing. A preview
  // app (cli openapi: the module graph, providers not constructed) serves nothing and needs none.
  const metrics = app.get(MetricsService, { strict: false }) as MetricsService | undefined;
  if (typeof metrics?.middleware === 'function') app.use(metrics.middleware);
  // The strict policy everywhere; only the API docs page (Swagger UI: inline styles, and its init
  // code is allowed inline too) gets 'unsafe-inline', so no JSON or file response of the API and no
  // page of the web app (serveWebApp sets WEB_CSP) can run an injected inline script (issue 18).
  app.use(helmet({ contentSecurityPolicy: false }));
  const strict = helmet.contentSecurityPolicy({ useDefaults: false, directives: cspDirectives(WEB_CSP) });
  const docs = helmet.contentSecurityPolicy({ useDefaults: false, directives: cspDirectives(DOCS_CSP) });
  const docsPrefix = `/${DOCS_PATH}`;
  app.use((req: Request, res: Response, next: NextFunction) => {
    const isDocs = req.path === docsPrefix || req.path.startsWith(`${docsPrefix}/`) || req.path.startsWith(`${docsPrefix}-`);
    (isDocs ? docs : strict)(req, res, next);
  });
  app.use((req: Request & { id?: string }, res: Response, next: NextFunction) => {
    const incoming = req.header('x-request-id');
    req.id = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', req.id);
    // Personal and financial data must not sit in browser or proxy caches.
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  // After the request id, so even a malformed body gets an answer that names its request.
  app.useBodyParser('json', { limit: config.bodyLimit, strict: true });
  // After the body parser (its stream callbacks would lose an async context opened before it): from
  // here on, code deep below the controllers (JobProducer) knows the request id without being handed it.
  // deniedRecords: ScopedRepository notes records hidden by the caller's scope there, for access.denied.
  app.use((req: Request & { id?: string }, _res: Response, next: NextFunction) => runInRequestContext({ requestId: req.id ?? '-', deniedRecords: [] }, next));
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: [...config.corsOrigins],
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
      exposedHeaders: ['X-Request-Id', 'Retry-After', 'Content-Disposition'],
      maxAge: 600,
    });
  }
  // /metrics sits at the root, where Prometheus looks by default.
  app.setGlobalPrefix(API_PREFIX, { exclude: [METRICS_PATH] });
  app.useGlobalPipes(createValidationPipe(config.jsonMaxDepth));
  app.enableShutdownHooks();
}

/**
 * Nest answers unknown paths under the api prefix itself; anything else (outside /api/v1 and
 * the docs) would get Express's HTML page. Call after init so it sits behind every route.
 */
export function installNotFoundFallback(app: NestExpressApplication): void {
  app.use((req: Request & { id?: string }, res: Response) => {
    const filter = new ProblemFilter();
    const problem = filter.toProblem(new NotFoundException());
    problem.instance = req.path;
    if (req.id) problem.requestId = req.id;
    res.status(404).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  });
}

/**
 * The browser app's CSP: only its own scripts and styles (Vite emits no inline code, React sets
 * styles through the CSSOM), fonts and data-URI icons of KERN, the API on the same origin.
 */
export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

/**
 * Swagger UI at /api/docs: its page has inline <style> blocks and the UI sets styles inline; its
 * scripts are files of its own, 'unsafe-inline' for scripts is granted here and nowhere else.
 */
export const DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

/** A policy string as helmet's directives object (one source for the header text and the middleware). */
function cspDirectives(policy: string): Record<string, string[]> {
  return Object.fromEntries(
    policy.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values];
    }),
  );
}

/** dist/web next to the compiled api (dist/apps/api/src → dist/web), or under the repository root when run from source. */
export function findWebRoot(): string | null {
  const candidates = [path.resolve(__dirname, '../../../web'), path.resolve(__dirname, '../../../dist/web')];
  return candidates.find((dir) => existsSync(path.join(dir, 'index.html'))) ?? null;
}

/**
 * Serves the built browser app (apps/web → dist/web) at `/`: files as they are (hashed assets
 * cached for a year), and index.html for every other GET outside /api so the app's routes work
 * on reload. Paths under /api and paths that look like files stay with the problem+json 404.
 * Call after init and before installNotFoundFallback. Returns false when no build is there.
 */
export function serveWebApp(app: NestExpressApplication, dir: string | null = findWebRoot()): boolean {
  if (!dir) return false;
  const index = path.join(dir, 'index.html');
  const isApi = (p: string) => p === '/api' || p.startsWith('/api/');
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!isApi(req.path)) res.setHeader('Content-Security-Policy', WEB_CSP);
    next();
  });
  app.useStaticAssets(dir, {
    index: false,
    setHeaders: (res, file) => {
      const immutable = file.startsWith(path.join(dir, 'assets') + path.sep);
      res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApi(req.path) || /\.[A-Za-z0-9]+$/.test(req.path)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const doc = new DocumentBuilder()
    .setTitle('Förderfluss API')
    .setDescription(
      'Zuwendungsmanagement für den Landkreis Altenburger Land: Anträge, Bescheide, Mittelabrufe, ' +
        'Verwendungsnachweise. Fehler werden als application/problem+json (RFC 9457) mit deutschem `detail` beantwortet. ' +
        'Beträge sind Dezimal-Strings ("1234.56"), Datumsangaben JJJJ-MM-TT.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  return SwaggerModule.createDocument(app, doc, { operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}` });
}

export function setupSwagger(app: INestApplication): void {
  SwaggerModule.setup(DOCS_PATH, app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: `${DOCS_PATH}/openapi.json`,
    customSiteTitle: 'Förderfluss API',
  });
}
