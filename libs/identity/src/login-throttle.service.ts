import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@foerderfluss/core';
import { LoginThrottleRepository } from './login-throttle.repository';

export const accountKey = (email: string): string => `account:${email}`;
export const ipKey = (ip: string): string => `ip:${ip}`;

/**
 * Counts failed logins per account and per client IP in a fixed window. Reaching the limit
 * locks the key for one window. Counters live in PostgreSQL, so every api replica enforces
 * the same limit and a restart does not reset an attack.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly counters: LoginThrottleRepository,
  ) {}

  /** Seconds until the longest lock among these keys ends; 0 when none is locked. */
  async retryAfterSeconds(em: EntityManager, keys: string[]): Promise<number> {
    return this.counters.retryAfterSeconds(em, keys);
  }

  async registerFailure(em: EntityManager, key: string, maxFailures: number): Promise<boolean> {
    const window = this.config.loginWindowSeconds;
    const failures = await this.counters.countFailure(em, key, window);
    if (failures >= maxFailures) {
      await this.counters.lock(em, key, window);
      return true;
    }
    return false;
  }

  async recordFailure(em: EntityManager, email: string, ip: string): Promise<{ accountLocked: boolean; ipLocked: boolean }> {
    const accountLocked = await this.registerFailure(em, accountKey(email), this.config.loginMaxFailuresPerAccount);
    const ipLocked = await this.registerFailure(em, ipKey(ip), this.config.loginMaxFailuresPerIp);
    return { accountLocked, ipLocked };
  }

  async reset(em: EntityManager, key: string): Promise<void> {
    await this.counters.reset(em, key);
  }
}
