import { DomainError, loadConfig } from '@foerderfluss/core';
import type { TransactionRunner } from '@foerderfluss/database';
import type { MailCatchAllRepository } from './mail-catchall.repository';
import { MailCatchAllService } from './mail-catchall.service';
import { CatchAllMailTransport, mailTransportProvider, SmtpMailTransport } from './mail-transport';

const PRODUCTION = { NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40), DISTRICT_DEBTOR_IBAN: 'DE74830502001100200300', SMTP_HOST: 'relay.example', AUDIT_SIGNING_KEY: 'k'.repeat(44) };

/** A repository that must not be asked: in production the service refuses before reading. */
const untouchable = new Proxy({} as MailCatchAllRepository, {
  get: (_, name) => () => {
    throw new Error(`repository.${String(name)} called`);
  },
});

describe('MailCatchAllService', () => {
  it('answers 404 in production, before any read', async () => {
    const service = new MailCatchAllService(loadConfig(PRODUCTION), untouchable);
    expect(service.active).toBe(false);
    for (const read of [() => service.list({ roles: [] } as never, {}), () => service.get({ roles: [] } as never, '00000000-0000-4000-8000-000000000000')]) {
      const err = await read().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DomainError);
      expect(err).toMatchObject({ code: 'MAIL_CATCHALL_UNAVAILABLE', status: 404 });
    }
  });

  it('is active outside production without SMTP_HOST, not with one', () => {
    expect(new MailCatchAllService(loadConfig({}), untouchable).active).toBe(true);
    expect(new MailCatchAllService(loadConfig({ SMTP_HOST: 'mail.example' }), untouchable).active).toBe(false);
  });
});

describe('mailTransportProvider', () => {
  const make = (env: Record<string, string>) => {
    const factory = (mailTransportProvider as { useFactory: (...args: unknown[]) => unknown }).useFactory;
    return factory(loadConfig(env), {} as TransactionRunner) as { close(): void };
  };

  it('delivers to the catch-all without SMTP_HOST, by SMTP with it', () => {
    expect(make({})).toBeInstanceOf(CatchAllMailTransport);
    const smtp = make({ SMTP_HOST: '127.0.0.1' });
    expect(smtp).toBeInstanceOf(SmtpMailTransport);
    smtp.close();
    const production = make(PRODUCTION);
    expect(production).toBeInstanceOf(SmtpMailTransport);
    production.close();
  });
});
