export * from './audit-event.entity';
export * from './audit-chain-head.entity';
export * from './audit-verification.entity';
export * from './audit-event.repository';
export * from './audit-verification.repository';
export * from './audit.service';
export * from './audit-verification.service';
export * from './audit.module';
export { canonicalJson } from './canonical-json';
