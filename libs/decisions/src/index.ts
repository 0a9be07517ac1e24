export * from './decision-visibility';
export * from './decision.entity';
export * from './decisions.errors';
export * from './decisions.service';
export * from './round-decisions.service';
export * from './worklist.service';
export * from './decisions.module';
