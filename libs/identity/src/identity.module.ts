import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@foerderfluss/core';
import { AuthService, JWT_ALGORITHM } from './auth.service';
import { AuthThrottle } from './auth-throttle.entity';
import { RevokedToken } from './revoked-token.entity';
import { User } from './user.entity';
import { LoginThrottleService } from './login-throttle.service';
import { UsersService } from './users.service';
import { UserRepository } from './user.repository';
import { LoginThrottleRepository } from './login-throttle.repository';
import { UploadUsage } from './upload-usage.entity';
import { UploadQuotaRepository } from './upload-quota.repository';
import { UploadQuotaService } from './upload-quota.service';

export const IDENTITY_ENTITIES = [User, AuthThrottle, RevokedToken, UploadUsage];

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
  providers: [UserRepository, LoginThrottleRepository, AuthService, UsersService, LoginThrottleService, UploadQuotaRepository, UploadQuotaService],
  exports: [UserRepository, AuthService, UsersService, JwtModule, UploadQuotaService],
})
export class IdentityModule {}
