import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProgrammesModule } from '@foerderfluss/programmes';
import { FundingModule } from '@foerderfluss/funding';
import { PaymentsModule } from '@foerderfluss/payments';
import { ProofOfUseModule } from '@foerderfluss/proof-of-use';
import { StateGrant } from './state-grant.entity';
import { StateDistributionVersion } from './distribution-version.entity';
import { StateProofReview } from './state-proof-review.entity';
import { StateGrantRepository } from './state-grant.repository';
import { DistributionRepository } from './distribution.repository';
import { DistrictOverviewRepository } from './district-overview.repository';
import { StateProofReviewRepository } from './state-proof-review.repository';
import { LandDrawdownRepository } from './land-drawdown.repository';
import { DistributionService } from './distribution.service';
import { StateGrantsService } from './state-grants.service';
import { DistrictsService } from './districts.service';
import { StateProofReviewsService } from './state-proof-reviews.service';
import { LandDrawdownsService } from './land-drawdowns.service';

export const LAND_ENTITIES = [StateGrant, StateDistributionVersion, StateProofReview];

const SERVICES = [DistributionService, StateGrantsService, DistrictsService, StateProofReviewsService, LandDrawdownsService];

/** The Land's side of a Land-wide install (issue 20): Verteilungsschlüssel, Zuweisungen, drawdowns, Prüfung of the Kreise's proofs, the overview. */
@Module({
  imports: [TypeOrmModule.forFeature(LAND_ENTITIES), ProgrammesModule, FundingModule, PaymentsModule, ProofOfUseModule],
  providers: [StateGrantRepository, DistributionRepository, DistrictOverviewRepository, StateProofReviewRepository, LandDrawdownRepository, ...SERVICES],
  exports: [StateGrantRepository, StateProofReviewRepository, ...SERVICES],
})
export class LandModule {}
