import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@foerderfluss/identity';
import { Organisation } from './organisation.entity';
import { DistrictProvider } from './district-provider.entity';
import { OrganisationRepository } from './organisation.repository';
import { OrganisationsService } from './organisations.service';
import { UserAdministrationService } from './user-administration.service';
import { DistrictSetting } from './district-setting.entity';
import { DistrictSettingRepository } from './district-setting.repository';
import { DistrictSettingsService } from './district-settings.service';

export const ORGANISATION_ENTITIES = [Organisation, DistrictProvider, DistrictSetting];

@Module({
  imports: [TypeOrmModule.forFeature(ORGANISATION_ENTITIES), IdentityModule],
  providers: [OrganisationRepository, OrganisationsService, UserAdministrationService, DistrictSettingRepository, DistrictSettingsService],
  exports: [OrganisationRepository, OrganisationsService, UserAdministrationService, DistrictSettingRepository, DistrictSettingsService],
})
export class OrganisationsModule {}
