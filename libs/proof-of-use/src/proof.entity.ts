/**
 * The entities of this lib, one per file (issue 15 "Files by aggregate"). This file only re-exports
 * them for code written before the split; import from the entity's own file instead.
 */
export * from './proof-of-use.entity';
export * from './receipt.entity';
export * from './receipt-import.entity';
export * from './proof-review.entity';
export * from './settlement.entity';
export * from './recovery.entity';
export * from './state-proof.entity';
