import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DomainError, Role } from '@foerderfluss/core';
import type { AuthenticatedUser } from '@foerderfluss/identity';
import { IndicatorsService } from '@foerderfluss/programmes';
import { CurrentUser, Roles } from '../auth/decorators';
import { EVERYONE } from '../auth/role-groups';
import { uuidPipe } from '../common/uuid.pipe';
import {
  CreateIndicatorDto,
  IndicatorDefinitionDto,
  IndicatorListDto,
  IndicatorListQueryDto,
  IndicatorTargetDto,
  IndicatorTargetListDto,
  IndicatorTargetQueryDto,
  IndicatorVersionListDto,
  SetIndicatorTargetDto,
  toIndicatorDto,
  toIndicatorTargetDto,
  toIndicatorVersionDto,
  UpdateIndicatorDto,
} from './indicators.dto';

/** A year in the address outside 2000–2100 names no Soll: 404 like an unknown id. */
const yearPipe = new ParseIntPipe({ exceptionFactory: () => new DomainError('NOT_FOUND', 404, 'Der angeforderte Datensatz wurde nicht gefunden.') });
function checkYear(year: number): number {
  if (year < 2000 || year > 2100) throw new DomainError('NOT_FOUND', 404, 'Der angeforderte Datensatz wurde nicht gefunden.');
  return year;
}

/**
 * Kennzahlen je Handlungsfeld (issue 19). Lesen dürfen alle Rollen: Träger berichten im Sachbericht
 * dagegen. Ändern dürfen ADMIN und STAFF.
 */
@ApiTags('indicators')
@ApiBearerAuth()
@Controller('indicators')
export class IndicatorsController {
  constructor(private readonly indicators: IndicatorsService) {}

  @Get()
  @Roles(...EVERYONE)
  @ApiOkResponse({ type: IndicatorListDto })
  async list(@Query() q: IndicatorListQueryDto): Promise<IndicatorListDto> {
    const rows = await this.indicators.list({ fieldOfAction: q.fieldOfAction, includeInactive: q.includeInactive ?? false });
    return { items: rows.map(toIndicatorDto), nextCursor: null };
  }

  @Post()
  @Roles(Role.ADMIN, Role.STAFF)
  @ApiCreatedResponse({ type: IndicatorDefinitionDto })
  async create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateIndicatorDto): Promise<IndicatorDefinitionDto> {
    return toIndicatorDto(await this.indicators.create(user, body));
  }

  @Get(':id')
  @Roles(...EVERYONE)
  @ApiOkResponse({ type: IndicatorDefinitionDto })
  async get(@Param('id', uuidPipe) id: string): Promise<IndicatorDefinitionDto> {
    return toIndicatorDto(await this.indicators.get(id));
  }

  /** Name, Einheit, Aggregation, aktiv und Reihenfolge; Kürzel und Handlungsfeld ändern sich nie. */
  @Patch(':id')
  @Roles(Role.ADMIN, Role.STAFF)
  @ApiOkResponse({ type: IndicatorDefinitionDto })
  async update(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() body: UpdateIndicatorDto): Promise<IndicatorDefinitionDto> {
    return toIndicatorDto(await this.indicators.update(user, id, body));
  }

  /** Verlauf: jede Fassung der Kennzahl, älteste zuerst. */
  @Get(':id/versions')
  @Roles(...EVERYONE)
  @ApiOkResponse({ type: IndicatorVersionListDto })
  async versions(@Param('id', uuidPipe) id: string): Promise<IndicatorVersionListDto> {
    return { items: (await this.indicators.versions(id)).map(toIndicatorVersionDto), nextCursor: null };
  }
}

/** Soll je Kennzahl und Jahr: öffentliche Zahlen des Kreises, daher auch für Träger lesbar. */
@ApiTags('indicators')
@ApiBearerAuth()
@Controller('indicator-targets')
export class IndicatorTargetsController {
  constructor(private readonly indicators: IndicatorsService) {}

  @Get()
  @Roles(...EVERYONE)
  @ApiOkResponse({ type: IndicatorTargetListDto })
  async list(@Query() q: IndicatorTargetQueryDto): Promise<IndicatorTargetListDto> {
    return { items: (await this.indicators.targets(q.year)).map(toIndicatorTargetDto), nextCursor: null };
  }

  /** Legt das Soll an oder ändert es. */
  @Put(':indicatorId/:year')
  @Roles(Role.ADMIN, Role.STAFF)
  @ApiOkResponse({ type: IndicatorTargetDto })
  async set(
    @CurrentUser() user: AuthenticatedUser,
    @Param('indicatorId', uuidPipe) indicatorId: string,
    @Param('year', yearPipe) year: number,
    @Body() body: SetIndicatorTargetDto,
  ): Promise<IndicatorTargetDto> {
    return toIndicatorTargetDto(await this.indicators.setTarget(user, indicatorId, checkYear(year), body.target, body.version));
  }

  @Delete(':indicatorId/:year')
  @HttpCode(204)
  @Roles(Role.ADMIN, Role.STAFF)
  @ApiNoContentResponse()
  async remove(@CurrentUser() user: AuthenticatedUser, @Param('indicatorId', uuidPipe) indicatorId: string, @Param('year', yearPipe) year: number): Promise<void> {
    await this.indicators.removeTarget(user, indicatorId, checkYear(year));
  }
}
