import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('has defaults that work on a developer machine', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      nodeEnv: 'development',
      port: 3000,
      // two roles: the local superuser migrates and creates the application role (prepare)
      databaseUrl: 'postgres://foerderfluss_app@127.0.0.1:5432/foerderfluss',
      databaseMigrationUrl: 'postgres://postgres@127.0.0.1:5432/foerderfluss?options=-c%20role%3Dfoerderfluss_owner',
      auditSigningKey: null,
      redisUrl: 'redis://127.0.0.1:6379',
      seedDemo: true,
      corsOrigins: [],
    });
    expect(c.jwtSecret.length).toBeGreaterThanOrEqual(32);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'not a url' }, 'REDIS_URL'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ SEED_DEMO: 'yes' }, 'SEED_DEMO'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ CORS_ORIGINS: 'https://ok.example, nix' }, 'CORS_ORIGINS'],
    [{ BODY_LIMIT: 'viel' }, 'BODY_LIMIT'],
    [{ JWT_TTL_SECONDS: '5' }, 'JWT_TTL_SECONDS'],
    [{ NODE_ENV: 'production' }, 'JWT_SECRET'],
    [{ NODE_ENV: 'production', JWT_SECRET: 'foerderfluss-dev-secret-not-for-production-use-0000', DISTRICT_DEBTOR_IBAN: 'DE74830502001100200300', SMTP_HOST: 'relay.example' }, 'JWT_SECRET'],
    [{ NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40), DISTRICT_DEBTOR_IBAN: 'DE74830502001100200300', SEED_DEMO: 'true' }, 'SEED_DEMO'],
    [{ NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40), DISTRICT_DEBTOR_IBAN: 'DE74830502001100200300', SMTP_HOST: 'relay.example' }, 'AUDIT_SIGNING_KEY'],
    [{ AUDIT_SIGNING_KEY: 'kein schlüssel!' }, 'AUDIT_SIGNING_KEY'],
    [{ DATABASE_MIGRATION_URL: 'mysql://x' }, 'DATABASE_MIGRATION_URL'],
    [{ NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40) }, 'DISTRICT_DEBTOR_IBAN'],
    [{ NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40), DISTRICT_DEBTOR_IBAN: 'DE74830502001100200300' }, 'SMTP_HOST'],
    [{ NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40), DISTRICT_DEBTOR_IBAN: 'DE74830502001100200300', SMTP_HOST: '  ' }, 'SMTP_HOST'],
    [{ DISTRICT_DEBTOR_IBAN: 'DE00123' }, 'DISTRICT_DEBTOR_IBAN'],
    [{ REMINDER_DAYS_BEFORE: '30,sieben' }, 'REMINDER_DAYS_BEFORE'],
    [{ REMINDER_DAYS_BEFORE: '0' }, 'REMINDER_DAYS_BEFORE'],
    [{ MAIL_CLAIM_TIMEOUT_SECONDS: '60' }, 'MAIL_CLAIM_TIMEOUT_SECONDS'],
    [{ APP_PUBLIC_URL: 'ftp://x' }, 'APP_PUBLIC_URL'],
    [{ FILE_STORAGE: 'nfs' }, 'FILE_STORAGE'],
    [{ FILE_STORAGE: 's3' }, 'S3_BUCKET'],
    [{ FILE_STORAGE: 's3', S3_BUCKET: 'b', S3_ENDPOINT: 'minio:9000' }, 'S3_ENDPOINT'],
    [{ FILE_STORAGE: 's3', S3_BUCKET: 'b', S3_ACCESS_KEY_ID: 'nur-die-id' }, 'S3_SECRET_ACCESS_KEY'],
    [{ FILE_STORAGE: 's3', S3_BUCKET: 'b', S3_PREFIX: '../x' }, 'S3_PREFIX'],
    [{ FILE_STORAGE: 's3', S3_BUCKET: 'b', S3_PART_SIZE_MB: '1' }, 'S3_PART_SIZE_MB'],
  ])('%j stops with a message naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(variable));
  });

  it('reports every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'x', REDIS_URL: 'y' });
      throw new Error('expected ConfigError');
    } catch (err) {
      expect((err as ConfigError).problems).toHaveLength(2);
    }
  });

  it('reads the reminder days as a list, largest first, and the letterhead office hours', () => {
    expect(loadConfig({}).reminderDaysBefore).toEqual([30, 7]);
    expect(loadConfig({ REMINDER_DAYS_BEFORE: '7, 30,14,7' }).reminderDaysBefore).toEqual([30, 14, 7]);
    expect(loadConfig({ LETTERHEAD_OFFICE_HOURS: 'Mo 9–12 Uhr;  ; Do 13–15 Uhr' }).letterhead.officeHours).toEqual(['Mo 9–12 Uhr', 'Do 13–15 Uhr']);
  });

  it('keeps files in the local folder unless FILE_STORAGE=s3; S3 settings are read only then', () => {
    expect(loadConfig({ S3_ENDPOINT: 'kaputt' })).toMatchObject({ fileStorage: 'local', s3: null });
    expect(loadConfig({ FILE_STORAGE: 's3', S3_BUCKET: 'foerderfluss' }).s3).toEqual({
      bucket: 'foerderfluss',
      endpoint: null,
      region: 'eu-central-1',
      accessKeyId: null,
      secretAccessKey: null,
      forcePathStyle: false,
      prefix: '',
      partSizeBytes: 8 * 1024 * 1024,
      queueSize: 2,
      timeoutMs: 30000,
    });
    expect(
      loadConfig({ FILE_STORAGE: 's3', S3_BUCKET: 'b', S3_ENDPOINT: 'http://minio:9000', S3_ACCESS_KEY_ID: 'id', S3_SECRET_ACCESS_KEY: 'geheim', S3_PREFIX: 'kreis/prod/' }).s3,
    ).toMatchObject({ endpoint: 'http://minio:9000', forcePathStyle: true, accessKeyId: 'id', secretAccessKey: 'geheim', prefix: 'kreis/prod' });
    expect(loadConfig({ FILE_STORAGE: 's3', S3_BUCKET: 'b', S3_ENDPOINT: 'https://s3.example', S3_FORCE_PATH_STYLE: 'false' }).s3?.forcePathStyle).toBe(false);
  });

  it('TEST_CLOCK_NOW only under NODE_ENV=test, and only a real instant', () => {
    expect(loadConfig({ NODE_ENV: 'test', TEST_CLOCK_NOW: '2027-12-28T10:00:00Z' }).testClockNow).toBe('2027-12-28T10:00:00Z');
    expect(loadConfig({ NODE_ENV: 'test' }).testClockNow).toBeNull();
    expect(() => loadConfig({ NODE_ENV: 'development', TEST_CLOCK_NOW: '2027-12-28T10:00:00Z' })).toThrow(/TEST_CLOCK_NOW ist nur mit NODE_ENV=test erlaubt/);
    expect(() => loadConfig({ NODE_ENV: 'test', TEST_CLOCK_NOW: 'morgen' })).toThrow(/TEST_CLOCK_NOW muss ein Zeitpunkt/);
  });

  it('production defaults to no demo data', () => {
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40), DISTRICT_DEBTOR_IBAN: 'DE74830502001100200300', SMTP_HOST: 'relay.example', AUDIT_SIGNING_KEY: 'k'.repeat(44) }).seedDemo).toBe(false);
  });

  it('SMTP_HOST: production requires the relay; elsewhere unset means the local catch-all (host null)', () => {
    const prod = { NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40), DISTRICT_DEBTOR_IBAN: 'DE74830502001100200300', AUDIT_SIGNING_KEY: 'k'.repeat(44) };
    expect(() => loadConfig(prod)).toThrow(/SMTP_HOST fehlt: in Produktion muss das Mailrelay/);
    expect(loadConfig({ ...prod, SMTP_HOST: 'relay.example' }).smtp.host).toBe('relay.example');
    expect(loadConfig({}).smtp.host).toBeNull();
    expect(loadConfig({ NODE_ENV: 'test', SMTP_HOST: '' }).smtp.host).toBeNull();
    expect(loadConfig({ SMTP_HOST: ' 127.0.0.1 ' }).smtp.host).toBe('127.0.0.1');
  });
});

describe('MFA_REQUIRED_ROLES', () => {
  const prod = { NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40), DISTRICT_DEBTOR_IBAN: 'DE74830502001100200300', SMTP_HOST: 'relay.example', AUDIT_SIGNING_KEY: 'k'.repeat(44) };

  it('production asks every Kreis role for a second factor by default; elsewhere nobody (the demo stays password-only)', () => {
    expect([...loadConfig(prod).mfa.requiredRoles].sort()).toEqual(['ADMIN', 'APPROVER', 'AUDITOR', 'STAFF']);
    expect(loadConfig({}).mfa.requiredRoles).toEqual([]);
    expect(loadConfig({ NODE_ENV: 'test' }).mfa.requiredRoles).toEqual([]);
  });

  it('production refuses a list without all Kreis roles; a Träger may be added', () => {
    expect(() => loadConfig({ ...prod, MFA_REQUIRED_ROLES: 'ADMIN,STAFF' })).toThrow(/MFA_REQUIRED_ROLES muss in Produktion .*APPROVER, AUDITOR/);
    expect(() => loadConfig({ ...prod, MFA_REQUIRED_ROLES: 'none' })).toThrow(/MFA_REQUIRED_ROLES/);
    expect(loadConfig({ ...prod, MFA_REQUIRED_ROLES: 'admin, staff,APPROVER,AUDITOR,PROVIDER' }).mfa.requiredRoles).toEqual(['ADMIN', 'STAFF', 'APPROVER', 'AUDITOR', 'PROVIDER']);
  });

  it('outside production any roles may be named; unknown ones and short keys are refused', () => {
    expect(loadConfig({ MFA_REQUIRED_ROLES: 'STAFF' }).mfa.requiredRoles).toEqual(['STAFF']);
    expect(() => loadConfig({ MFA_REQUIRED_ROLES: 'STAFF,CHEF' })).toThrow(/unbekannte Rollen: CHEF/);
    expect(() => loadConfig({ MFA_ENCRYPTION_KEY: 'kurz' })).toThrow(/MFA_ENCRYPTION_KEY muss mindestens 32 Zeichen/);
  });
});

describe('database roles', () => {
  it('DATABASE_MIGRATION_URL defaults to DATABASE_URL when only that is given (one role, as before)', () => {
    const url = 'postgres://someone@db.example:5432/ff';
    expect(loadConfig({ DATABASE_URL: url })).toMatchObject({ databaseUrl: url, databaseMigrationUrl: url });
    expect(loadConfig({ DATABASE_URL: url, DATABASE_MIGRATION_URL: 'postgres://owner@db.example:5432/ff' }).databaseMigrationUrl).toBe('postgres://owner@db.example:5432/ff');
  });
});

describe('.env.example', () => {
  it('lists every variable the configuration reads', () => {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const fs = require('node:fs') as typeof import('node:fs');
    const path = require('node:path') as typeof import('node:path');
    /* eslint-enable @typescript-eslint/no-require-imports */
    const source = fs.readFileSync(path.join(__dirname, 'config.ts'), 'utf8');
    const read = new Set([...source.matchAll(/(?:r\.\w+\(|env\.)'?([A-Z][A-Z0-9_]+)/g)].map((m) => m[1]));
    const example = fs.readFileSync(path.join(__dirname, '..', '..', '..', '.env.example'), 'utf8');
    const listed = new Set([...example.matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    expect([...read].filter((v) => !listed.has(v))).toEqual([]);
    expect(read.size).toBeGreaterThan(15);
  });
});
