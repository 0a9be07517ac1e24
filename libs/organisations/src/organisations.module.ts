import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@foerderfluss/identity';
import { Organisation } from './organisation.entity';
import { DistrictProvider } from './district-provider.entity';
import { OrganisationRepository } from './organisation.repository';
import { OrganisationsService } from './organisations.service';
import { UserAdministrationService } from './user-administration.service';

export const ORGANISATION_ENTITIES = [Organisation, DistrictProvider];

@Module({
  imports: [TypeOrmModule.forFeature(ORGANISATION_ENTITIES), IdentityModule],
  providers: [OrganisationRepository, OrganisationsService, UserAdministrationService],
  exports: [OrganisationRepository, OrganisationsService, UserAdministrationService],
})
export class OrganisationsModule {}
