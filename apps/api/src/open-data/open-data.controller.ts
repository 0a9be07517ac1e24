import { createHash } from 'node:crypto';
import { Body, Controller, Get, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Role } from '@foerderfluss/core';
import type { AuthenticatedUser } from '@foerderfluss/identity';
import { grantsCsv, grantsJson, OpenDataService } from '@foerderfluss/exports';
import { CurrentUser, Public, Roles } from '../auth/decorators';
import {
  OpenDataPreviewDto,
  OpenDataSettingsDto,
  OpenDataPublicQueryDto,
  OpenDataYearQueryDto,
  ThreeSixtyGivingPackageDto,
  toOpenDataSettingsDto,
  UpdateOpenDataSettingsDto,
} from './open-data.dto';
import { PublicRateLimit } from './public-rate-limit';

/** Public reads per address and minute (per api replica). */
const PUBLIC_READS_PER_MINUTE = 60;
/**
 * Shared caches may keep the package five minutes: the figures change with a Bescheid, not by the
 * second, and switching the publication off takes effect within that time.
 */
const PUBLIC_CACHE = 'public, max-age=300';

/**
 * 360Giving open data (issue 19 item 5). The settings are the ADMIN's; the package is public (no
 * token, and a token changes nothing) once the Kreis has switched it on, and a 404 before.
 */
@ApiTags('open-data')
@Controller('open-data')
export class OpenDataController {
  private readonly rateLimit = new PublicRateLimit(PUBLIC_READS_PER_MINUTE, 60_000);

  constructor(private readonly openData: OpenDataService) {}

  @Get('settings')
  @ApiBearerAuth()
  @Roles(Role.ADMIN)
  @ApiOkResponse({ type: OpenDataSettingsDto })
  async settings(@CurrentUser() user: AuthenticatedUser): Promise<OpenDataSettingsDto> {
    return toOpenDataSettingsDto(await this.openData.settings(user));
  }

  @Put('settings')
  @ApiBearerAuth()
  @Roles(Role.ADMIN)
  @ApiOkResponse({ type: OpenDataSettingsDto })
  async update(@CurrentUser() user: AuthenticatedUser, @Body() body: UpdateOpenDataSettingsDto): Promise<OpenDataSettingsDto> {
    return toOpenDataSettingsDto(
      await this.openData.update(user, {
        enabled: body.enabled,
        prefix: body.prefix ?? null,
        funderIdentifier: body.funderIdentifier ?? null,
        licence: body.licence,
        version: body.version === 0 ? undefined : body.version,
      }),
    );
  }

  @Get('preview')
  @ApiBearerAuth()
  @Roles(Role.ADMIN)
  @ApiOkResponse({ type: OpenDataPreviewDto })
  async preview(@CurrentUser() user: AuthenticatedUser, @Query() q: OpenDataYearQueryDto): Promise<OpenDataPreviewDto> {
    const [grants, settings] = await Promise.all([this.openData.preview(user, q.year), this.openData.settings(user)]);
    return { year: q.year, grants, enabled: settings.enabled };
  }

  @Public()
  @Get('360giving')
  @ApiOkResponse({ type: ThreeSixtyGivingPackageDto, description: '360Giving-Paket der Förderungen eines Haushaltsjahres' })
  async json(@Query() q: OpenDataPublicQueryDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    this.rateLimit.take(req.ip ?? 'unknown');
    const publication = await this.openData.publication(q.year, q.district);
    send(req, res, 'application/json; charset=utf-8', grantsJson(publication.grants), publication.licenceUrl);
  }

  @Public()
  @Get('360giving.csv')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: '360Giving-Tabelle (CSV, UTF-8, Spaltentitel des Standards)', schema: { type: 'string' } })
  async csv(@Query() q: OpenDataPublicQueryDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    this.rateLimit.take(req.ip ?? 'unknown');
    const publication = await this.openData.publication(q.year, q.district);
    res.setHeader('Content-Disposition', `inline; filename="360giving-${q.year}.csv"`);
    send(req, res, 'text/csv; charset=utf-8', grantsCsv(publication.grants), publication.licenceUrl);
  }
}

/** Open data: any site may read it (CORS), caches may keep it, the licence travels with it, and an unchanged package is a 304. */
function send(req: Request, res: Response, type: string, body: string, licenceUrl: string): void {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  res.setHeader('Cache-Control', PUBLIC_CACHE);
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Link', `<${licenceUrl}>; rel="license"`);
  res.setHeader('ETag', etag);
  if (req.headers['if-none-match'] === etag) {
    res.status(304).end();
    return;
  }
  res.status(200).type(type).send(body);
}
