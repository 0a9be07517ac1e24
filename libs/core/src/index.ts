export * from './domain-error';
export * from './money';
export * from './calendar-date';
export * from './scope';
export * from './pagination';
export * from './config';
export * from './clock';
export * from './plural';
