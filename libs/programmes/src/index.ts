export * from './reference.entity';
export * from './reference.service';
export * from './programmes.module';
