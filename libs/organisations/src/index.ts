export * from './organisation.entity';
export * from './district-provider.entity';
export * from './provider-owned.entity';
export * from './organisation.repository';
export * from './organisations.service';
export * from './organisations.errors';
export * from './user-administration.service';
export * from './organisations.module';
