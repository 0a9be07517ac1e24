import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CostCategory, FieldOfAction, SocialArea } from './reference.entity';
import { ReferenceDataService } from './reference.service';

export const PROGRAMME_ENTITIES = [FieldOfAction, SocialArea, CostCategory];

@Module({
  imports: [TypeOrmModule.forFeature(PROGRAMME_ENTITIES)],
  providers: [ReferenceDataService],
  exports: [ReferenceDataService],
})
export class ProgrammesModule {}
