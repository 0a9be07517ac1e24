import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, Page, Scope } from '@foerderfluss/core';
import { ListParams } from '@foerderfluss/database';
import { MailCatchAll } from './mail-catchall.entity';
import { MailCatchAllRepository } from './mail-catchall.repository';
import { catchAllUnavailable } from './notifications.errors';

/**
 * What ADMIN reads of the local catch-all. It exists outside production only: there the routes
 * answer 404, as if they were not there (production always has SMTP_HOST, so nothing lands here).
 */
@Injectable()
export class MailCatchAllService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly caught: MailCatchAllRepository,
  ) {}

  /** True when mails go to the catch-all right now (no SMTP_HOST), not to a relay. */
  get active(): boolean {
    return this.config.smtp.host === null;
  }

  async list(scope: Scope, q: ListParams): Promise<Page<MailCatchAll>> {
    this.available();
    return this.caught.list(scope, q);
  }

  async get(scope: Scope, id: string): Promise<MailCatchAll> {
    this.available();
    return this.caught.get(scope, id);
  }

  private available(): void {
    if (this.config.nodeEnv === 'production') throw catchAllUnavailable();
  }
}
