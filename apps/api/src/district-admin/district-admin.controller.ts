import { Body, Controller, Get, Param, Post, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Role } from '@foerderfluss/core';
import type { AuthenticatedUser } from '@foerderfluss/identity';
import { DistrictSettingsService } from '@foerderfluss/organisations';
import { DistrictOnboardingService } from '@foerderfluss/programmes';
import { CurrentUser, Roles } from '../auth/decorators';
import { uuidPipe } from '../common/uuid.pipe';
import {
  CreateDistrictDto,
  DistrictOnboardingResultDto,
  DistrictSettingsDto,
  toDistrictSettingsDto,
  toOnboardingDto,
  toSettingsInput,
  UpdateDistrictSettingsDto,
} from './district-admin.dto';

/**
 * Kreis administration (issue 20): onboarding a Kreis (the Land's ADMIN) and the per-Kreis
 * settings (the Kreis's ADMIN for its own Kreis, the Land's ADMIN for any). The district list and
 * its figures (`GET /districts`) live in the Land's view.
 */
@ApiTags('districts')
@ApiBearerAuth()
@Controller('districts')
export class DistrictAdminController {
  constructor(
    private readonly onboarding: DistrictOnboardingService,
    private readonly settings: DistrictSettingsService,
  ) {}

  @Post()
  @Roles(Role.ADMIN)
  @ApiCreatedResponse({ type: DistrictOnboardingResultDto, description: 'Landkreis angelegt (200, wenn er mit diesem Kürzel schon besteht)' })
  @ApiOkResponse({ type: DistrictOnboardingResultDto, description: 'Ein Landkreis mit diesem Kürzel besteht bereits; nichts geändert' })
  async create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateDistrictDto, @Res({ passthrough: true }) res: Response): Promise<DistrictOnboardingResultDto> {
    const result = await this.onboarding.onboard(user, {
      code: body.code,
      name: body.name,
      street: body.street ?? null,
      postalCode: body.postalCode ?? null,
      city: body.city ?? null,
      referencePrefix: body.referencePrefix ?? null,
      socialAreasCsv: body.socialAreasCsv ?? null,
      admin: body.admin ?? null,
    });
    if (!result.created) res.status(200);
    return toOnboardingDto(result);
  }

  @Get(':id/settings')
  @Roles(Role.ADMIN)
  @ApiOkResponse({ type: DistrictSettingsDto })
  async getSettings(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string): Promise<DistrictSettingsDto> {
    return toDistrictSettingsDto(await this.settings.view(user, id));
  }

  @Put(':id/settings')
  @Roles(Role.ADMIN)
  @ApiOkResponse({ type: DistrictSettingsDto })
  async putSettings(@CurrentUser() user: AuthenticatedUser, @Param('id', uuidPipe) id: string, @Body() body: UpdateDistrictSettingsDto): Promise<DistrictSettingsDto> {
    return toDistrictSettingsDto(await this.settings.update(user, id, toSettingsInput(body), body.version === 0 ? undefined : body.version));
  }
}
