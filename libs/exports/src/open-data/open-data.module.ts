import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OPEN_DATA_ENTITIES } from './open-data-setting.entity';
import { OpenDataRepository } from './open-data.repository';
import { OpenDataService } from './open-data.service';

/** 360Giving open data (issue 19 item 5): the Kreis's settings and the public grant package. */
@Module({
  imports: [TypeOrmModule.forFeature(OPEN_DATA_ENTITIES)],
  providers: [OpenDataRepository, OpenDataService],
  exports: [OpenDataService],
})
export class OpenDataModule {}
