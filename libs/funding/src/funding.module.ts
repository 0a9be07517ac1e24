import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BudgetYear, BudgetYearBalance, LedgerEntry } from './budget-year.entity';
import { LedgerService } from './ledger.service';
import { BudgetYearsService } from './budget-years.service';

export const FUNDING_ENTITIES = [BudgetYear, BudgetYearBalance, LedgerEntry];

@Module({
  imports: [TypeOrmModule.forFeature(FUNDING_ENTITIES)],
  providers: [LedgerService, BudgetYearsService],
  exports: [LedgerService, BudgetYearsService],
})
export class FundingModule {}
