import { Module } from '@nestjs/common';
import { MonitoringRepository } from './monitoring.repository';
import { MonitoringService } from './monitoring.service';

/**
 * Indikatorengestütztes Monitoring (issue 19): Kennzahlen and money over years, Handlungsfelder,
 * Sozialräume and Träger, read-only over the records of the libs below. The monitoring API, its
 * pages, the ANNUAL_REPORT export and the 360Giving open data all read it.
 */
@Module({
  providers: [MonitoringRepository, MonitoringService],
  exports: [MonitoringService],
})
export class MonitoringModule {}
