import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BudgetYear } from './budget-year.entity';
import { BudgetYearBalance } from './budget-year-balance.entity';
import { LedgerEntry } from './ledger-entry.entity';
import { LedgerService } from './ledger.service';
import { BudgetYearRepository } from './budget-year.repository';
import { LedgerRepository } from './ledger.repository';
import { BudgetYearsService } from './budget-years.service';
import { BudgetFiguresService } from './budget-figures.service';

export const FUNDING_ENTITIES = [BudgetYear, BudgetYearBalance, LedgerEntry];

@Module({
  imports: [TypeOrmModule.forFeature(FUNDING_ENTITIES)],
  providers: [BudgetYearRepository, LedgerRepository, LedgerService, BudgetYearsService, BudgetFiguresService],
  exports: [BudgetYearRepository, LedgerRepository, LedgerService, BudgetYearsService, BudgetFiguresService],
})
export class FundingModule {}
