import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CostCategory, FieldOfAction, SocialArea } from './reference.entity';
import { ReferenceDataService } from './reference.service';
import { Programme } from './programme.entity';
import { ProgrammeCostCategory } from './programme-cost-category.entity';
import { ProgrammeParameterDefinition } from './programme-parameter-definition.entity';
import { ProgrammeParameter } from './programme-parameter.entity';
import { BaseRate } from './base-rate.entity';
import { ReferenceSeedRow } from './reference-seed-row.entity';
import { ProgrammesService } from './programmes.service';
import { ParametersService } from './parameters.service';
import { BaseRatesService } from './base-rates.service';

export const PROGRAMME_ENTITIES = [
  FieldOfAction,
  SocialArea,
  CostCategory,
  Programme,
  ProgrammeCostCategory,
  ProgrammeParameterDefinition,
  ProgrammeParameter,
  BaseRate,
  ReferenceSeedRow,
];

@Module({
  imports: [TypeOrmModule.forFeature(PROGRAMME_ENTITIES)],
  providers: [ReferenceDataService, ProgrammesService, ParametersService, BaseRatesService],
  exports: [ReferenceDataService, ProgrammesService, ParametersService, BaseRatesService],
})
export class ProgrammesModule {}
