import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { installNotFoundFallback, serveWebApp, WEB_CSP } from './configure-app';

@Module({})
class EmptyModule {}

describe('serveWebApp: the built browser app at / (issue 10)', () => {
  let dir: string;
  let app: NestExpressApplication;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ff-web-'));
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Förderfluss</title>');
    writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    app = await NestFactory.create<NestExpressApplication>(EmptyModule, { logger: false });
    app.setGlobalPrefix('api/v1');
    await app.init();
    expect(serveWebApp(app, dir)).toBe(true);
    installNotFoundFallback(app);
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers the app routes with index.html under the strict CSP (no unsafe-eval, no inline script)', async () => {
    for (const p of ['/', '/antraege/123', '/haushalt']) {
      const res = await request(app.getHttpServer()).get(p).expect(200);
      expect(res.text).toContain('<title>Förderfluss</title>');
      expect(res.headers['content-security-policy']).toBe(WEB_CSP);
      expect(res.headers['cache-control']).toBe('no-cache');
    }
    expect(WEB_CSP).not.toMatch(/unsafe-(eval|inline)/);
  });

  it('serves hashed assets with a long cache lifetime', async () => {
    const res = await request(app.getHttpServer()).get('/assets/index-abc123.js').expect(200);
    expect(res.headers['cache-control']).toContain('immutable');
  });

  it('leaves /api and missing files to the problem+json 404', async () => {
    // Under the prefix Nest answers itself (the app's ProblemFilter makes it problem+json there).
    const api = await request(app.getHttpServer()).get('/api/v1/gibt-es-nicht').expect(404);
    expect(api.headers['content-type']).toMatch(/json/);
    for (const p of ['/api', '/api/docs-gibt-es-nicht', '/assets/fehlt.js', '/favicon.ico']) {
      const res = await request(app.getHttpServer()).get(p).expect(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    await request(app.getHttpServer()).post('/antraege').expect(404);
  });

  it('does nothing without a build', () => {
    expect(serveWebApp(app, null)).toBe(false);
  });
});
