import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainError, METRICS_ABSENT_DETAIL, METRICS_UNAUTHORIZED_DETAIL, metricsAccess } from '@foerderfluss/core';
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

  /** The METRICS_TOKEN rule (libs/core metrics-access.ts), the same for the worker's /metrics. */
  private authorise(authorization: string | undefined): void {
    const access = metricsAccess(this.metrics.config, authorization);
    if (access === 'absent') throw new DomainError('NOT_FOUND', 404, METRICS_ABSENT_DETAIL);
    if (access === 'unauthorized') throw new DomainError('METRICS_UNAUTHORIZED', 401, METRICS_UNAUTHORIZED_DETAIL);
  }
}
