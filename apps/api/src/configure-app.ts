import { randomUUID } from 'node:crypto';
import { INestApplication, NotFoundException } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { AppConfig } from '@foerderfluss/core';
import { createValidationPipe } from './common/validation';
import { PROBLEM_CONTENT_TYPE, ProblemFilter } from './common/problem.filter';

export const API_PREFIX = 'api/v1';
export const DOCS_PATH = 'api/docs';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,100}$/;

/** Everything about the HTTP skin that both main.ts and the e2e tests must share. */
export function configureApp(app: NestExpressApplication, config: AppConfig): void {
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  // Data responses are no-store, so ETags would only cost a hash per response.
  app.set('etag', false);
  app.use(
    helmet({
      // Swagger UI needs inline scripts and styles; nothing else is served as HTML.
      contentSecurityPolicy: {
        directives: { 'script-src': ["'self'", "'unsafe-inline'"], 'style-src': ["'self'", "'unsafe-inline'", 'https:'] },
      },
    }),
  );
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
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: [...config.corsOrigins],
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
      exposedHeaders: ['X-Request-Id', 'Retry-After', 'Content-Disposition'],
      maxAge: 600,
    });
  }
  app.setGlobalPrefix(API_PREFIX, { exclude: [] });
  app.useGlobalPipes(createValidationPipe());
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
