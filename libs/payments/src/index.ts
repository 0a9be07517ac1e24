export * from './sepa';
