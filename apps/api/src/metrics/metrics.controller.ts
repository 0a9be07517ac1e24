import { createHash, timingSafeEqual } from 'node:crypto';
import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainError } from '@foerderfluss/core';
import { Public } from '../auth/decorators';
import { MetricsService } from './metrics.service';

export const METRICS_PATH = 'metrics';

/**
 * Prometheus scrape endpoint, outside /api/v1 (the prefix excludes it) and outside the OpenAPI
 * document: it is for the monitoring system, not for the web. @Public only lifts the user JWT;
 * the METRICS_TOKEN rule below decides who may read.
 */
@ApiExcludeController()
@Controller(METRICS_PATH)
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Public()
  @Get()
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() res: Response): Promise<void> {
    this.authorise(authorization);
    const body = await this.metrics.render();
    res.status(200).type(this.metrics.contentType).send(body);
  }

  /**
   * Token set: only `Bearer <token>`. No token: open outside production; in production 404, so a
   * deployment that forgot the token does not publish its figures (and does not reveal the route).
   */
  private authorise(authorization: string | undefined): void {
    const token = this.metrics.token;
    if (token === null) {
      if (this.metrics.production) throw new DomainError('NOT_FOUND', 404, 'Die angeforderte Ressource wurde nicht gefunden.');
      return;
    }
    const given = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1] ?? '';
    // Compare digests: equal length for timingSafeEqual, and no early exit that leaks the token.
    const digest = (s: string) => createHash('sha256').update(s).digest();
    if (!timingSafeEqual(digest(given), digest(token))) {
      throw new DomainError('METRICS_UNAUTHORIZED', 401, 'Für die Metriken ist das Metrik-Token (Authorization: Bearer) nötig.');
    }
  }
}
