import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Clock } from '@foerderfluss/core';
import type { AuthenticatedUser } from '@foerderfluss/identity';
import { DistrictsService } from '@foerderfluss/land';
import { CurrentUser, Roles } from '../auth/decorators';
import { EVERYONE } from '../auth/role-groups';
import { uuidPipe } from '../common/uuid.pipe';
import { DistrictDetailDto, DistrictListDto, toDistrictDetailDto, toDistrictListDto, YearQueryDto } from './land.dto';

/**
 * Die Kreise und ihr Geld je Haushaltsjahr (issue 20): das Land sieht alle Kreise, ein Kreis sich selbst,
 * ein Träger die Kreise, in denen er tätig ist (ohne Beträge).
 */
@ApiTags('districts')
@ApiBearerAuth()
@Controller('districts')
export class DistrictsController {
  constructor(
    private readonly districts: DistrictsService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Roles(...EVERYONE)
  @ApiOkResponse({ type: DistrictListDto })
  async list(@CurrentUser() user: AuthenticatedUser, @Query() q: YearQueryDto): Promise<DistrictListDto> {
    return toDistrictListDto(await this.districts.overview(user, q.year ?? this.clock.today().year));
  }

  @Get(':id')
  @Roles(...EVERYONE)
  @ApiOkResponse({ type: DistrictDetailDto })
  async get(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Query() q: YearQueryDto): Promise<DistrictDetailDto> {
    return toDistrictDetailDto(await this.districts.detail(user, id, q.year ?? this.clock.today().year));
  }
}
