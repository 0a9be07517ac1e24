import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { MonitoringService } from '@foerderfluss/monitoring';
import type { AuthenticatedUser } from '@foerderfluss/identity';
import { CurrentUser, Roles } from '../auth/decorators';
import { EVERYONE } from '../auth/role-groups';
import { ReferenceCodesPipe } from '../common/list-query';
import { FundingReportDto, IndicatorReportDto, MonitoringQueryDto } from './monitoring.dto';

/**
 * Indikatorengestütztes Monitoring: Kennzahlen (Ist/Soll) und Geld über Jahre, je Handlungsfeld,
 * Sozialraum, Träger oder Jahr. Alle Rollen; ein Träger sieht nur die Zahlen seiner Organisation.
 */
@ApiTags('monitoring')
@ApiBearerAuth()
@Controller('monitoring')
export class MonitoringController {
  constructor(private readonly monitoring: MonitoringService) {}

  /** Ist und Soll jeder Kennzahl je Gruppe; jedes aktive Handlungsfeld, jeder Sozialraum und jedes Jahr auch mit 0. */
  @Get('indicators')
  @Roles(...EVERYONE)
  @ApiOkResponse({ type: IndicatorReportDto })
  async indicators(@CurrentUser() user: AuthenticatedUser, @Query(ReferenceCodesPipe) q: MonitoringQueryDto): Promise<IndicatorReportDto> {
    const query = this.monitoring.normalise(q);
    return { from: query.from, to: query.to, groupBy: query.groupBy, rows: await this.monitoring.indicators(user, query) };
  }

  /** Gebunden, ausgezahlt, nachgewiesen, zurückgefordert und zurückerhalten je Gruppe (Land- und Kreisanteil). */
  @Get('funding')
  @Roles(...EVERYONE)
  @ApiOkResponse({ type: FundingReportDto })
  async funding(@CurrentUser() user: AuthenticatedUser, @Query(ReferenceCodesPipe) q: MonitoringQueryDto): Promise<FundingReportDto> {
    const query = this.monitoring.normalise(q);
    return { from: query.from, to: query.to, groupBy: query.groupBy, rows: await this.monitoring.funding(user, query) };
  }
}
