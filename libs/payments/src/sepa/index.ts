export * from './credit-transfer-file';
export * from './sepa-charset';
export * from './sepa.errors';
