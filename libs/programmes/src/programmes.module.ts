import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganisationsModule } from '@foerderfluss/organisations';
import { CostCategory } from './cost-category.entity';
import { FieldOfAction } from './field-of-action.entity';
import { SocialArea } from './social-area.entity';
import { IndicatorDefinition, IndicatorDefinitionVersion, IndicatorTarget } from './indicator.entity';
import { ReferenceDataService } from './reference.service';
import { Programme } from './programme.entity';
import { ProgrammeCostCategory } from './programme-cost-category.entity';
import { ProgrammeParameterDefinition } from './programme-parameter-definition.entity';
import { ProgrammeParameter } from './programme-parameter.entity';
import { DistrictProgrammeParameter } from './district-programme-parameter.entity';
import { BaseRate } from './base-rate.entity';
import { ReferenceSeedRow } from './reference-seed-row.entity';
import { ProgrammesService } from './programmes.service';
import { ParametersService } from './parameters.service';
import { BaseRatesService } from './base-rates.service';
import { IndicatorsService } from './indicators.service';
import { ProgrammeRepository } from './programme.repository';
import { ReferenceDataRepository } from './reference-data.repository';
import { ProgrammeParameterRepository } from './programme-parameter.repository';
import { BaseRateRepository } from './base-rate.repository';
import { IndicatorRepository } from './indicator.repository';

export const PROGRAMME_ENTITIES = [
  FieldOfAction,
  SocialArea,
  IndicatorDefinition,
  IndicatorDefinitionVersion,
  IndicatorTarget,
  CostCategory,
  Programme,
  ProgrammeCostCategory,
  ProgrammeParameterDefinition,
  ProgrammeParameter,
  DistrictProgrammeParameter,
  BaseRate,
  ReferenceSeedRow,
];

const REPOSITORIES = [ProgrammeRepository, ReferenceDataRepository, ProgrammeParameterRepository, BaseRateRepository, IndicatorRepository];

@Module({
  imports: [TypeOrmModule.forFeature(PROGRAMME_ENTITIES), OrganisationsModule],
  providers: [...REPOSITORIES, ReferenceDataService, ProgrammesService, ParametersService, BaseRatesService, IndicatorsService],
  exports: [...REPOSITORIES, ReferenceDataService, ProgrammesService, ParametersService, BaseRatesService, IndicatorsService],
})
export class ProgrammesModule {}
