import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@foerderfluss/core';
import { AuthService, JWT_ALGORITHM } from './auth.service';
import { AuthThrottle } from './auth-throttle.entity';
import { RevokedToken } from './revoked-token.entity';
import { User } from './user.entity';
import { MfaRecoveryCode, UserMfa } from './mfa.entity';
import { LoginThrottleService } from './login-throttle.service';
import { UsersService } from './users.service';
import { UserRepository } from './user.repository';
import { LoginThrottleRepository } from './login-throttle.repository';
import { MfaRepository } from './mfa.repository';
import { MfaService } from './mfa.service';
import { UploadUsage } from './upload-usage.entity';
import { UploadQuotaRepository } from './upload-quota.repository';
import { UploadQuotaService } from './upload-quota.service';

export const IDENTITY_ENTITIES = [User, AuthThrottle, RevokedToken, UserMfa, MfaRecoveryCode, UploadUsage];

@Module({
  imports: [
    TypeOrmModule.forFeature(IDENTITY_ENTITIES),
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: config.jwtSecret,
        signOptions: { algorithm: JWT_ALGORITHM, issuer: config.jwtIssuer, audience: config.jwtAudience },
        verifyOptions: { algorithms: [JWT_ALGORITHM], issuer: config.jwtIssuer, audience: config.jwtAudience },
      }),
    }),
  ],
  providers: [UserRepository, LoginThrottleRepository, MfaRepository, AuthService, UsersService, LoginThrottleService, MfaService, UploadQuotaRepository, UploadQuotaService],
  exports: [UserRepository, AuthService, UsersService, MfaService, JwtModule, UploadQuotaService],
})
export class IdentityModule {}
