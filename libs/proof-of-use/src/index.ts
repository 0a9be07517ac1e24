export * from './proof.entity';
export * from './receipt-rules';
export * from './proofs.errors';
export * from './proofs.service';
export * from './proof-of-use.module';
