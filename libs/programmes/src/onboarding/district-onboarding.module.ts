import { Module } from '@nestjs/common';
import { IdentityModule } from '@foerderfluss/identity';
import { OrganisationsModule } from '@foerderfluss/organisations';
import { DistrictOnboardingRepository } from './district-onboarding.repository';
import { DistrictOnboardingService } from './district-onboarding.service';

/** Onboarding of a Kreis (issue 20): above organisations and identity, next to the Sozialräume it creates. */
@Module({
  imports: [IdentityModule, OrganisationsModule],
  providers: [DistrictOnboardingRepository, DistrictOnboardingService],
  exports: [DistrictOnboardingService],
})
export class DistrictOnboardingModule {}
