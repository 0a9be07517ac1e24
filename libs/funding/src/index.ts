export * from './ledger-kind';
export * from './budget-year.entity';
export * from './budget-year.repository';
export * from './ledger.repository';
export * from './funding.errors';
export * from './ledger.service';
export * from './budget-years.service';
export * from './funding.module';
