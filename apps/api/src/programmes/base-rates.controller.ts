import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Role } from '@foerderfluss/core';
import type { AuthenticatedUser } from '@foerderfluss/identity';
import { BaseRatesService } from '@foerderfluss/programmes';
import { CurrentUser, Roles } from '../auth/decorators';
import { uuidPipe } from '../common/uuid.pipe';
import { BaseRateDto, BaseRateListDto, CreateBaseRateDto, toBaseRateDto, UpdateBaseRateDto } from './programmes.dto';

/** Basiszinssatz (§ 247 BGB): lesen darf jede Rolle (Träger rechnen Zinsen nach), ändern nur ADMIN. */
@ApiTags('base-rates')
@ApiBearerAuth()
@Controller('base-rates')
export class BaseRatesController {
  constructor(private readonly baseRates: BaseRatesService) {}

  @Get()
  @Roles(Role.STAFF, Role.APPROVER, Role.AUDITOR, Role.ADMIN, Role.PROVIDER)
  @ApiOkResponse({ type: BaseRateListDto })
  async list(): Promise<BaseRateListDto> {
    const rows = await this.baseRates.list();
    return { items: rows.map(toBaseRateDto), nextCursor: null, coveredUntil: BaseRatesService.coveredUntil(rows)?.toISOString() ?? null };
  }

  @Post()
  @Roles(Role.ADMIN)
  @ApiCreatedResponse({ type: BaseRateDto })
  async create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateBaseRateDto): Promise<BaseRateDto> {
    return toBaseRateDto(await this.baseRates.add(user, body));
  }

  @Patch(':id')
  @Roles(Role.ADMIN)
  @ApiOkResponse({ type: BaseRateDto })
  async update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidPipe) id: string,
    @Body() body: UpdateBaseRateDto,
  ): Promise<BaseRateDto> {
    return toBaseRateDto(await this.baseRates.update(user, id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(Role.ADMIN)
  @ApiNoContentResponse()
  async remove(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<void> {
    await this.baseRates.remove(user, id);
  }
}
