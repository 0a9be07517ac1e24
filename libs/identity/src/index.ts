export * from './user.entity';
export * from './auth-throttle.entity';
export * from './revoked-token.entity';
export * from './user.repository';
export * from './auth.service';
export * from './users.service';
export * from './identity.errors';
export * from './identity.module';
export { hashPassword, PASSWORD_MIN_LENGTH } from './password';
