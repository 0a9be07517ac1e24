import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import { DEFAULT_DEV_JWT_SECRET_FILE, devJwtSecret } from './dev-jwt-secret';
import { Role } from './scope';

/**
 * Configuration comes from environment variables only and is validated once at boot.
 * A bad or missing value stops the process with a message that names the variable
 * (fail fast, before any port is opened or job is taken).
 */

export type NodeEnv = 'development' | 'test' | 'production';

export interface AppConfig {
  readonly nodeEnv: NodeEnv;
  readonly port: number;
  /**
   * API processes sharing the port (node:cluster). 1 (the default): a single process, no primary.
   * More only where the machine has cores to spare beside PostgreSQL.
   */
  readonly apiWorkers: number;
  /** The application role: what api and worker connect with (data manipulation only, no DDL). */
  readonly databaseUrl: string;
  /**
   * The owner role: migrations, the grants after them, seeds, backup and restore. Defaults to
   * DATABASE_URL when only that is given (one role owns everything, as before issue 18).
   */
  readonly databaseMigrationUrl: string;
  readonly databasePoolSize: number;
  /** Longest wait for a pooled connection (also the connect timeout); a request waiting longer fails with 503. */
  readonly databasePoolWaitMs: number;
  readonly databaseStatementTimeoutMs: number;
  readonly redisUrl: string;
  /** Prefix of every BullMQ key; tests give each file its own. */
  readonly queuePrefix: string;
  /**
   * HS256 key of the access tokens: JWT_SECRET; outside production without it, a random secret
   * generated once per installation and kept in DEV_JWT_SECRET_FILE.
   */
  readonly jwtSecret: string;
  readonly jwtIssuer: string;
  readonly jwtAudience: string;
  readonly jwtTtlSeconds: number;
  readonly seedDemo: boolean;
  readonly migrateOnStart: boolean;
  readonly corsOrigins: readonly string[];
  readonly bodyLimit: string;
  /**
   * Deepest nesting of a JSON body (objects and arrays) the api reads; deeper is a 400. No request
   * of this API needs more than a handful of levels; thousands would overflow the stack of the
   * DTO transformation (a 500 for a client's mistake).
   */
  readonly jsonMaxDepth: number;
  readonly trustProxy: boolean;
  readonly loginWindowSeconds: number;
  readonly loginMaxFailuresPerAccount: number;
  readonly loginMaxFailuresPerIp: number;
  /** The second factor (TOTP, issue 18). */
  readonly mfa: MfaConfig;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  /** One JSON object per line (for log shippers) or coloured text for a developer's terminal. */
  readonly logFormat: 'json' | 'pretty';
  readonly auditVerifyCron: string;
  /** Cron (TZ_BUSINESS) of the nightly signed checkpoint of the audit chain head. */
  readonly auditCheckpointCron: string;
  /**
   * Ed25519 private key (PEM, or base64 of the PKCS#8 DER or of the 32-byte seed) that signs the
   * audit checkpoints; the database never holds it. Null outside production: the key in
   * auditSigningKeyFile is used, generated there once per installation.
   */
  readonly auditSigningKey: string | null;
  /** Where the generated signing key of an installation lives when AUDIT_SIGNING_KEY is unset (not in production). */
  readonly auditSigningKeyFile: string;
  readonly timezone: string;
  /** NODE_ENV=test only: the business clock of a child process (api, worker) stands at this instant. */
  readonly testClockNow: string | null;
  /**
   * Where exports, letters, uploaded imports and Anlagen live: a local directory (one host, or a
   * volume api and workers share) or an S3-compatible object store (any number of hosts).
   */
  readonly fileStorage: 'local' | 's3';
  /** Root of the local file storage (relative paths are resolved from the working directory); used when fileStorage is local. */
  readonly fileStorageDir: string;
  /** The S3-compatible store; null unless fileStorage is s3. */
  readonly s3: S3StorageConfig | null;
  /** Export files older than this many days are removed by the cleanup job. */
  readonly exportRetentionDays: number;
  /** Cron (TZ_BUSINESS) of the job that deletes expired export files and leftovers of killed workers. */
  readonly exportCleanupCron: string;
  /**
   * BullMQ job lock (ms): a worker renews it while a job runs; when a worker dies (SIGKILL, power
   * loss) the lock expires and another worker takes the job again at its next stalled check.
   */
  readonly jobLockDurationMs: number;
  /** How often (ms) each worker looks for jobs whose worker died (stalled jobs). */
  readonly jobStalledIntervalMs: number;
  /** Belegliste import: largest upload accepted (bytes). */
  readonly importMaxBytes: number;
  /** Belegliste import: largest sum of the uncompressed entries of an xlsx (zip bomb guard). */
  readonly importMaxUnzippedBytes: number;
  /** Belegliste import: largest ratio uncompressed/compressed of an xlsx (zip bomb guard). */
  readonly importMaxZipRatio: number;
  /** Belegliste import: most receipt rows in one file. */
  readonly importMaxRows: number;
  /** Anlagen (Antrag, Verwendungsnachweis): largest file accepted (bytes). */
  readonly attachmentMaxBytes: number;
  /** Uploads (Beleglisten, Anlagen): imports one user may have waiting or running at once; one more is a 429. */
  readonly uploadMaxPendingPerUser: number;
  /** Uploads (Beleglisten, Anlagen): bytes one user may have accepted within the last hour; more is a 429. */
  readonly uploadMaxBytesPerHour: number;
  /** Retry-After (seconds) of the 429 for too many pending imports: about how long an import takes. */
  readonly uploadPendingRetryAfterSeconds: number;
  /** Files of failed Belegliste imports, and upload files no record names, are deleted after this many days. */
  readonly uploadRetentionDays: number;
  /** Cron (TZ_BUSINESS) of the nightly job that deletes those upload files. */
  readonly uploadCleanupCron: string;
  /** Cron of the reconciler that queues again the exports, imports, letters and mails whose job was lost. */
  readonly jobReconcileCron: string;
  /**
   * A record still QUEUED/RUNNING (PENDING/RENDERING/SENDING) this long without a live job is an
   * orphan; younger ones are left alone (their job may still be on its way, e.g. after the commit).
   */
  readonly jobReconcileGraceSeconds: number;
  /** The Kreis's own account: the debtor of every SEPA payment file. */
  readonly districtDebtorName: string;
  readonly districtDebtorIban: string;
  readonly districtDebtorBic: string | null;
  /** The Kreis's letterhead on every generated letter (its bank account is the debtor account above). */
  readonly letterhead: LetterheadConfig;
  /** Cron (TZ_BUSINESS) of the sweep that generates missing letters (Bescheide, Verträge, Rückforderungen, Prüfvermerke). */
  readonly lettersScanCron: string;
  /** Whether a starting worker runs the scans marked `runOnStart` once (tests start them themselves). */
  readonly scansOnStart: boolean;
  /** Cron (TZ_BUSINESS) of the daily reminder scan (VN/Zwischennachweis due, approvals waiting, recoveries overdue). */
  readonly remindersCron: string;
  /** Cron (TZ_BUSINESS) of the daily dunning scan (1st and 2nd Mahnung of overdue Rückforderungen). */
  readonly dunningScanCron: string;
  /** Days before a VN/Zwischennachweis deadline on which the Träger is reminded, largest first (e.g. [30, 7]). */
  readonly reminderDaysBefore: readonly number[];
  /** Cron of the job that hands pending mails of the outbox to the sender (after a crash or restart). */
  readonly mailDrainCron: string;
  /** SMTP delivery of the mail outbox (nodemailer). */
  readonly smtp: SmtpConfig;
  /** Attempts per mail before it is marked FAILED; retries back off exponentially from the delay. */
  readonly mailSendAttempts: number;
  readonly mailRetryDelayMs: number;
  /** A mail claimed (SENDING) longer than this is considered interrupted and is sent again (at least once). */
  readonly mailClaimTimeoutSeconds: number;
  /** Base address of the web front end, for links in mails. */
  readonly appPublicUrl: string;
  /**
   * Bearer token for GET /metrics. Null: /metrics is open outside production and absent (404) in
   * production, so a forgotten token never exposes the figures.
   */
  readonly metricsToken: string | null;
  /** Where `npm run backup` writes a backup when no `--out` is given (one directory per run). */
  readonly backupDir: string;
  /** Directory of pg_dump/pg_restore for backup and restore; null: whatever PATH finds (must not be older than the server). */
  readonly pgBinDir: string | null;
  /**
   * Port of the worker's own GET /metrics (a plain HTTP server, same METRICS_TOKEN rule as the
   * api). 0: the worker serves no metrics.
   */
  readonly workerMetricsPort: number;
  /**
   * OTLP/HTTP endpoint traces are sent to (OTEL_EXPORTER_OTLP_ENDPOINT, e.g.
   * http://otel-collector:4318). Null: tracing is off and costs nothing. The SDK reads its further
   * OTEL_* variables (protocol, headers) itself.
   */
  readonly otelEndpoint: string | null;
}

export interface S3StorageConfig {
  readonly bucket: string;
  /** Null: AWS S3 itself; otherwise e.g. http://minio:9000. */
  readonly endpoint: string | null;
  readonly region: string;
  /** Both null: the AWS default credential chain (instance role, AWS_* variables, profile). */
  readonly accessKeyId: string | null;
  readonly secretAccessKey: string | null;
  /** bucket in the path instead of the host name (MinIO and most self-hosted stores need it). */
  readonly forcePathStyle: boolean;
  /** Keys are stored under `<prefix>/` (so one bucket can serve several installations); '' for none. */
  readonly prefix: string;
  /** Size of one multipart part; memory of a streamed put is about partSizeBytes × (queueSize + 1). */
  readonly partSizeBytes: number;
  /** Parts uploaded at once by one put. */
  readonly queueSize: number;
  /** Longest wait for a connection, and longest silence on an open one, before a request fails (and is retried). */
  readonly timeoutMs: number;
}

export interface SmtpConfig {
  /**
   * The mail relay. Null only outside production when SMTP_HOST is unset: mails then go to the
   * local catch-all (table mail_catchall), which ADMIN reads in the web, so a demo shows its mails
   * instead of marking them failed. Production refuses to start without it.
   */
  readonly host: string | null;
  readonly port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  readonly secure: boolean;
  readonly user: string | null;
  readonly pass: string | null;
  /** Sender address, e.g. `Förderfluss <foerderfluss@altenburgerland.de>`. */
  readonly from: string;
  /** Connection, greeting and socket timeout. */
  readonly timeoutMs: number;
}

export interface MfaConfig {
  /**
   * Roles whose holders cannot sign in without a second factor: a user holding any of them and not
   * yet enrolled gets a token that only allows enrolment. Production always includes the Kreis
   * roles (ADMIN, STAFF, APPROVER, AUDITOR); elsewhere the default is none, so the demo users keep
   * signing in with their password alone.
   */
  readonly requiredRoles: readonly Role[];
  /** Lifetime of the mfaToken handed out after the password (for entering the code or enrolling). */
  readonly tokenTtlSeconds: number;
  /** Time steps (30 s each) a code may be early or late, for clock drift between phone and server. */
  readonly totpWindow: number;
  /** Recovery codes handed out at enrolment, each usable once. */
  readonly recoveryCodeCount: number;
  /** The issuer an authenticator app shows next to the account. */
  readonly issuer: string;
  /**
   * Key material for encrypting the TOTP secrets at rest (AES-256-GCM, key derived by HKDF). Null:
   * derived from JWT_SECRET instead; set it so JWT_SECRET can be rotated without everyone enrolling again.
   */
  readonly encryptionKey: string | null;
}

export interface LetterheadConfig {
  readonly name: string;
  readonly department: string;
  readonly districtName: string;
  readonly authorityName: string;
  readonly street: string;
  readonly postalCode: string;
  readonly city: string;
  readonly phone: string;
  readonly email: string;
  readonly website: string;
  readonly bankName: string;
  readonly officeHours: readonly string[];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Ungültige Konfiguration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/**
 * Secrets that are published in this repository (the development default of earlier versions, the
 * tests' and the bench's): an installation in production that copied one would accept forged tokens.
 */
const PUBLISHED_JWT_SECRETS = new Set([
  'foerderfluss-dev-secret-not-for-production-use-0000',
  'test-secret-test-secret-test-secret-0123',
  'browser-test-secret-browser-test-secret-0000',
  'bench-secret-bench-secret-bench-secret-0000',
]);

/** Developer-machine defaults of the two database roles (docs/operations.md, "PostgreSQL: two roles"). */
const DEV_APP_URL = 'postgres://foerderfluss_app@127.0.0.1:5432/foerderfluss';
// Log in as the local superuser (it creates the database and both roles), work as the owner role
// (libpq startup option): the schema belongs to foerderfluss_owner, never to the superuser.
const DEV_MIGRATION_URL = 'postgres://postgres@127.0.0.1:5432/foerderfluss?options=-c%20role%3Dfoerderfluss_owner';

/**
 * AUDIT_SIGNING_KEY as given (checked for its form only; libs/audit parses it). Required in
 * production: a key generated on the server's disk would be lost with the container.
 */
function auditSigningKey(env: Env, production: boolean, problems: string[]): string | null {
  const v = env.AUDIT_SIGNING_KEY?.trim();
  if (!v) {
    if (production) problems.push('AUDIT_SIGNING_KEY fehlt: in Produktion muss der Ed25519-Schlüssel für die Prüfpunkte der Audit-Kette angegeben sein (PEM oder base64).');
    return null;
  }
  if (!v.startsWith('-----BEGIN') && !/^[A-Za-z0-9+/=\s]+$/.test(v)) problems.push('AUDIT_SIGNING_KEY muss ein PEM-Schlüssel oder base64 sein.');
  return v;
}

interface Reader {
  str(name: string, dflt?: string): string;
  int(name: string, dflt: number, min: number, max: number): number;
  bool(name: string, dflt: boolean): boolean;
  oneOf<T extends string>(name: string, values: readonly T[], dflt: T): T;
  url(name: string, dflt: string, protocols: string[]): string;
}

function reader(env: Env, problems: string[]): Reader {
  const raw = (name: string): string | undefined => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  return {
    str(name, dflt) {
      const v = raw(name) ?? dflt;
      if (v === undefined) {
        problems.push(`${name} fehlt.`);
        return '';
      }
      return v;
    },
    int(name, dflt, min, max) {
      const v = raw(name);
      if (v === undefined) return dflt;
      if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
        problems.push(`${name} muss eine ganze Zahl zwischen ${min} und ${max} sein (ist: "${v}").`);
        return dflt;
      }
      return Number(v);
    },
    bool(name, dflt) {
      const v = raw(name);
      if (v === undefined) return dflt;
      if (v === 'true' || v === '1') return true;
      if (v === 'false' || v === '0') return false;
      problems.push(`${name} muss true oder false sein (ist: "${v}").`);
      return dflt;
    },
    oneOf(name, values, dflt) {
      const v = raw(name);
      if (v === undefined) return dflt;
      if (!(values as readonly string[]).includes(v)) {
        problems.push(`${name} muss einer dieser Werte sein: ${values.join(', ')} (ist: "${v}").`);
        return dflt;
      }
      return v as (typeof values)[number];
    },
    url(name, dflt, protocols) {
      const v = raw(name) ?? dflt;
      try {
        const u = new URL(v);
        if (!protocols.includes(u.protocol)) throw new Error('protocol');
        return v;
      } catch {
        problems.push(`${name} muss eine URL mit ${protocols.join(' oder ')} sein (ist: "${v}").`);
        return dflt;
      }
    },
  };
}

/** SMTP_HOST: required in production (no mail may vanish into a catch-all there), optional elsewhere. */
function smtpHost(env: Env, production: boolean, problems: string[]): string | null {
  const v = env.SMTP_HOST?.trim();
  if (v) return v;
  if (production) {
    problems.push('SMTP_HOST fehlt: in Produktion muss das Mailrelay des Landkreises angegeben sein (ohne SMTP_HOST landen E-Mails nur im lokalen Demo-Postfach).');
  }
  return null;
}

/** The Kreis roles production always asks a second factor of (ASVS 5.0 L2 for staff accounts). */
export const MFA_PRODUCTION_ROLES: readonly Role[] = [Role.ADMIN, Role.STAFF, Role.APPROVER, Role.AUDITOR];

/** MFA_REQUIRED_ROLES: "ADMIN,STAFF" → roles; "none" or empty outside production → []. */
function mfaRequiredRoles(env: Env, production: boolean, problems: string[]): Role[] {
  const raw = env.MFA_REQUIRED_ROLES?.trim();
  if (raw === undefined || raw === '') return production ? [...MFA_PRODUCTION_ROLES] : [];
  const parts = raw.toLowerCase() === 'none' ? [] : raw.split(',').map((p) => p.trim().toUpperCase()).filter((p) => p !== '');
  const all = Object.values(Role) as string[];
  const unknown = parts.filter((p) => !all.includes(p));
  if (unknown.length > 0) {
    problems.push(`MFA_REQUIRED_ROLES enthält unbekannte Rollen: ${unknown.join(', ')} (erlaubt: ${all.join(', ')} oder none).`);
    return production ? [...MFA_PRODUCTION_ROLES] : [];
  }
  const roles = [...new Set(parts)] as Role[];
  const missing = MFA_PRODUCTION_ROLES.filter((r) => !roles.includes(r));
  if (production && missing.length > 0) {
    problems.push(`MFA_REQUIRED_ROLES muss in Produktion alle Rollen des Landratsamts enthalten; es fehlen: ${missing.join(', ')}.`);
  }
  return roles;
}

/** "30,7" → [30, 7]: distinct whole days, largest first. */
function dayList(raw: string, name: string, problems: string[]): number[] {
  const parts = raw.split(',').map((p) => p.trim());
  if (parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) < 1 || Number(p) > 365)) {
    problems.push(`${name} muss eine Liste ganzer Tage zwischen 1 und 365 sein, durch Komma getrennt (ist: "${raw}").`);
    return [30, 7];
  }
  return [...new Set(parts.map(Number))].sort((a, b) => b - a);
}

/**
 * Tests that run the compiled worker as a child process (the import kill test) need it to stand on
 * the same business day as the test; in-process tests inject a FixedClock instead. Refused outside
 * NODE_ENV=test, so no installation can run on a made-up date.
 */
function testClock(env: Env, nodeEnv: string, problems: string[]): string | null {
  const v = env.TEST_CLOCK_NOW?.trim();
  if (!v) return null;
  if (nodeEnv !== 'test') {
    problems.push('TEST_CLOCK_NOW ist nur mit NODE_ENV=test erlaubt.');
    return null;
  }
  if (Number.isNaN(Date.parse(v))) {
    problems.push(`TEST_CLOCK_NOW muss ein Zeitpunkt wie 2027-12-28T10:00:00Z sein (ist: "${v}").`);
    return null;
  }
  return v;
}

const S3_PREFIX = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}(\/[A-Za-z0-9][A-Za-z0-9._-]{0,127})*$/;

/** S3_* (read only with FILE_STORAGE=s3, so a local installation needs none of them). */
function s3Config(env: Env, r: Reader, problems: string[]): S3StorageConfig {
  const opt = (name: string): string | null => (env[name]?.trim() ? env[name]!.trim() : null);
  const bucket = opt('S3_BUCKET');
  if (bucket === null) problems.push('S3_BUCKET fehlt (FILE_STORAGE=s3 braucht einen Bucket).');
  const endpoint = opt('S3_ENDPOINT');
  if (endpoint !== null) {
    if (!URL.canParse(endpoint) || !['http:', 'https:'].includes(new URL(endpoint).protocol)) problems.push(`S3_ENDPOINT muss eine URL mit http: oder https: sein (ist: "${endpoint}").`);
  }
  const accessKeyId = opt('S3_ACCESS_KEY_ID');
  // A secret may legitimately have surrounding characters that look like blanks: taken as given.
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY ? env.S3_SECRET_ACCESS_KEY : null;
  if ((accessKeyId === null) !== (secretAccessKey === null)) {
    problems.push('S3_ACCESS_KEY_ID und S3_SECRET_ACCESS_KEY müssen beide gesetzt sein oder beide fehlen (dann gilt die AWS-Standardkette).');
  }
  const prefix = (opt('S3_PREFIX') ?? '').replace(/\/+$/, '');
  if (prefix !== '' && !S3_PREFIX.test(prefix)) {
    problems.push(`S3_PREFIX darf nur Pfadteile aus A–Z, a–z, 0–9, Punkt, Binde- und Unterstrich enthalten, durch / getrennt (ist: "${prefix}").`);
  }
  return {
    bucket: bucket ?? '',
    endpoint,
    region: r.str('S3_REGION', 'eu-central-1'),
    accessKeyId,
    secretAccessKey,
    forcePathStyle: r.bool('S3_FORCE_PATH_STYLE', endpoint !== null),
    prefix,
    // S3 refuses parts below 5 MiB (except the last); 10.000 parts × 8 MiB = 78 GiB per file.
    partSizeBytes: r.int('S3_PART_SIZE_MB', 8, 5, 512) * 1024 * 1024,
    queueSize: r.int('S3_UPLOAD_QUEUE_SIZE', 2, 1, 16),
    timeoutMs: r.int('S3_TIMEOUT_MS', 30000, 100, 600000),
  };
}

/**
 * JWT_SECRET, required in production. Elsewhere without it: the installation's own random secret
 * (DEV_JWT_SECRET_FILE), read only then, so a configured secret never touches the disk.
 */
function jwtSecretOf(env: Env, r: Reader, production: boolean, problems: string[]): string {
  const given = env.JWT_SECRET?.trim() ? r.str('JWT_SECRET') : null;
  if (given === null) {
    if (production) {
      problems.push('JWT_SECRET fehlt: in Produktion muss ein zufälliges Geheimnis von mindestens 32 Zeichen gesetzt sein.');
      return '';
    }
    return devJwtSecret(r.str('DEV_JWT_SECRET_FILE', DEFAULT_DEV_JWT_SECRET_FILE), problems) ?? '';
  }
  if (given.length < 32) problems.push('JWT_SECRET muss mindestens 32 Zeichen lang sein.');
  if (production && PUBLISHED_JWT_SECRETS.has(given)) {
    problems.push('JWT_SECRET darf in Produktion kein veröffentlichter Beispielwert sein. Bitte ein zufälliges Geheimnis erzeugen (z. B. openssl rand -hex 32).');
  }
  return given;
}

export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const r = reader(env, problems);
  const nodeEnv = r.oneOf('NODE_ENV', ['development', 'test', 'production'] as const, 'development');
  const production = nodeEnv === 'production';

  const jwtSecret = jwtSecretOf(env, r, production, problems);

  const seedDemo = r.bool('SEED_DEMO', !production);
  if (production && seedDemo) {
    problems.push('SEED_DEMO=true ist mit NODE_ENV=production nicht erlaubt (Demo-Daten nur außerhalb der Produktion).');
  }

  const corsRaw = env.CORS_ORIGINS?.trim() ?? '';
  const corsOrigins = corsRaw === '' ? [] : corsRaw.split(',').map((o) => o.trim()).filter((o) => o !== '');
  for (const origin of corsOrigins) {
    try {
      new URL(origin);
    } catch {
      problems.push(`CORS_ORIGINS enthält keine gültige Origin: "${origin}".`);
    }
  }

  const bodyLimit = r.str('BODY_LIMIT', '1mb');
  if (!/^\d+(b|kb|mb)$/i.test(bodyLimit)) problems.push(`BODY_LIMIT muss z. B. 1mb oder 512kb lauten (ist: "${bodyLimit}").`);

  // Two roles by default on a developer machine: the local superuser migrates (and creates the
  // application role, apps/api/src/prepare.ts), api and worker connect as the application role.
  const databaseUrl = r.url('DATABASE_URL', DEV_APP_URL, ['postgres:', 'postgresql:']);
  const queuePrefix = r.str('QUEUE_PREFIX', 'ff');
  const fileStorage = r.oneOf('FILE_STORAGE', ['local', 's3'] as const, 'local');
  const s3 = fileStorage === 's3' ? s3Config(env, r, problems) : null;
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(queuePrefix)) problems.push('QUEUE_PREFIX darf nur Buchstaben, Ziffern, _ . - enthalten.');

  const config: AppConfig = {
    nodeEnv,
    port: r.int('PORT', 3000, 1, 65535),
    apiWorkers: r.int('API_WORKERS', 1, 1, 64),
    databaseUrl,
    databaseMigrationUrl: r.url('DATABASE_MIGRATION_URL', env.DATABASE_URL?.trim() ? databaseUrl : DEV_MIGRATION_URL, ['postgres:', 'postgresql:']),
    databasePoolSize: r.int('DATABASE_POOL_SIZE', 10, 1, 200),
    databasePoolWaitMs: r.int('DATABASE_POOL_WAIT_MS', 10000, 100, 600000),
    databaseStatementTimeoutMs: r.int('DATABASE_STATEMENT_TIMEOUT_MS', 30000, 100, 3600000),
    redisUrl: r.url('REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    queuePrefix,
    jwtSecret,
    jwtIssuer: r.str('JWT_ISSUER', 'foerderfluss'),
    jwtAudience: r.str('JWT_AUDIENCE', 'foerderfluss-api'),
    jwtTtlSeconds: r.int('JWT_TTL_SECONDS', 900, 60, 86400),
    seedDemo,
    migrateOnStart: r.bool('MIGRATE_ON_START', true),
    corsOrigins,
    bodyLimit,
    jsonMaxDepth: r.int('JSON_MAX_DEPTH', 32, 4, 1000),
    trustProxy: r.bool('TRUST_PROXY', false),
    loginWindowSeconds: r.int('LOGIN_WINDOW_SECONDS', 900, 1, 86400),
    loginMaxFailuresPerAccount: r.int('LOGIN_MAX_FAILURES_PER_ACCOUNT', 5, 1, 1000),
    loginMaxFailuresPerIp: r.int('LOGIN_MAX_FAILURES_PER_IP', 50, 1, 100000),
    mfa: {
      requiredRoles: mfaRequiredRoles(env, production, problems),
      tokenTtlSeconds: r.int('MFA_TOKEN_TTL_SECONDS', 300, 30, 1800),
      totpWindow: r.int('MFA_TOTP_WINDOW', 1, 0, 4),
      recoveryCodeCount: r.int('MFA_RECOVERY_CODE_COUNT', 10, 4, 20),
      issuer: r.str('MFA_ISSUER', 'Förderfluss Altenburger Land'),
      encryptionKey: env.MFA_ENCRYPTION_KEY ? env.MFA_ENCRYPTION_KEY : null,
    },
    logLevel: r.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const, 'log'),
    // Pretty printing costs throughput and breaks log shippers: only a developer's default.
    logFormat: r.oneOf('LOG_FORMAT', ['json', 'pretty'] as const, nodeEnv === 'development' ? 'pretty' : 'json'),
    auditVerifyCron: r.str('AUDIT_VERIFY_CRON', '30 2 * * *'),
    auditCheckpointCron: r.str('AUDIT_CHECKPOINT_CRON', '45 2 * * *'),
    auditSigningKey: auditSigningKey(env, production, problems),
    auditSigningKeyFile: r.str('AUDIT_SIGNING_KEY_FILE', './var/secrets/audit-signing-key.pem'),
    timezone: r.str('TZ_BUSINESS', 'Europe/Berlin'),
    testClockNow: testClock(env, nodeEnv, problems),
    districtDebtorName: r.str('DISTRICT_DEBTOR_NAME', 'Landkreis Altenburger Land'),
    // The demo account of the Kreis outside production; production must name the real one.
    districtDebtorIban: production ? r.str('DISTRICT_DEBTOR_IBAN') : r.str('DISTRICT_DEBTOR_IBAN', 'DE74830502001100200300'),
    districtDebtorBic: env.DISTRICT_DEBTOR_BIC?.trim() ? env.DISTRICT_DEBTOR_BIC.trim() : production ? null : 'HELADEF1ALT',
    fileStorage,
    fileStorageDir: r.str('FILE_STORAGE_DIR', './var/files'),
    s3,
    exportRetentionDays: r.int('EXPORT_RETENTION_DAYS', 30, 1, 3650),
    exportCleanupCron: r.str('EXPORT_CLEANUP_CRON', '15 3 * * *'),
    jobLockDurationMs: r.int('JOB_LOCK_DURATION_MS', 30000, 1000, 600000),
    jobStalledIntervalMs: r.int('JOB_STALLED_INTERVAL_MS', 30000, 500, 600000),
    importMaxBytes: r.int('IMPORT_MAX_BYTES', 20 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    importMaxUnzippedBytes: r.int('IMPORT_MAX_UNZIPPED_BYTES', 500 * 1024 * 1024, 1024, 16 * 1024 * 1024 * 1024),
    importMaxZipRatio: r.int('IMPORT_MAX_ZIP_RATIO', 100, 2, 10000),
    importMaxRows: r.int('IMPORT_MAX_ROWS', 200000, 1, 1000000),
    attachmentMaxBytes: r.int('ATTACHMENT_MAX_BYTES', 20 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    uploadMaxPendingPerUser: r.int('UPLOAD_MAX_PENDING_PER_USER', 3, 1, 1000),
    uploadMaxBytesPerHour: r.int('UPLOAD_MAX_BYTES_PER_HOUR', 200 * 1024 * 1024, 1024, 1024 * 1024 * 1024 * 1024),
    uploadPendingRetryAfterSeconds: r.int('UPLOAD_PENDING_RETRY_AFTER_SECONDS', 30, 1, 3600),
    uploadRetentionDays: r.int('UPLOAD_RETENTION_DAYS', 7, 1, 3650),
    uploadCleanupCron: r.str('UPLOAD_CLEANUP_CRON', '45 3 * * *'),
    jobReconcileCron: r.str('JOB_RECONCILE_CRON', '*/5 * * * *'),
    jobReconcileGraceSeconds: r.int('JOB_RECONCILE_GRACE_SECONDS', 300, 0, 86400),
    letterhead: {
      name: r.str('LETTERHEAD_NAME', 'Landkreis Altenburger Land – Landratsamt'),
      department: r.str('LETTERHEAD_DEPARTMENT', 'Integrationsmanagement'),
      districtName: r.str('LETTERHEAD_DISTRICT_NAME', 'Landkreis Altenburger Land'),
      authorityName: r.str('LETTERHEAD_AUTHORITY_NAME', 'Landratsamt Altenburger Land'),
      street: r.str('LETTERHEAD_STREET', 'Lindenaustraße 9'),
      postalCode: r.str('LETTERHEAD_POSTAL_CODE', '04600'),
      city: r.str('LETTERHEAD_CITY', 'Altenburg'),
      phone: r.str('LETTERHEAD_PHONE', '03447 586-0'),
      email: r.str('LETTERHEAD_EMAIL', 'integrationsmanagement@altenburgerland.de'),
      website: r.str('LETTERHEAD_WEBSITE', 'www.altenburgerland.de'),
      bankName: r.str('LETTERHEAD_BANK_NAME', 'Sparkasse Altenburger Land'),
      officeHours: r
        .str('LETTERHEAD_OFFICE_HOURS', 'Di 9–12 und 13–18 Uhr; Do 9–12 und 13–15 Uhr')
        .split(';')
        .map((h) => h.trim())
        .filter((h) => h !== ''),
    },
    lettersScanCron: r.str('LETTERS_SCAN_CRON', '*/5 * * * *'),
    scansOnStart: r.bool('SCANS_ON_START', true),
    remindersCron: r.str('REMINDERS_CRON', '0 6 * * *'),
    dunningScanCron: r.str('DUNNING_SCAN_CRON', '15 6 * * *'),
    reminderDaysBefore: dayList(r.str('REMINDER_DAYS_BEFORE', '30,7'), 'REMINDER_DAYS_BEFORE', problems),
    mailDrainCron: r.str('MAIL_DRAIN_CRON', '* * * * *'),
    smtp: {
      host: smtpHost(env, production, problems),
      port: r.int('SMTP_PORT', 25, 1, 65535),
      secure: r.bool('SMTP_SECURE', false),
      user: env.SMTP_USER?.trim() ? env.SMTP_USER.trim() : null,
      pass: env.SMTP_PASS ? env.SMTP_PASS : null,
      from: r.str('SMTP_FROM', 'Förderfluss Landkreis Altenburger Land <foerderfluss@altenburgerland.de>'),
      timeoutMs: r.int('SMTP_TIMEOUT_MS', 30000, 100, 600000),
    },
    mailSendAttempts: r.int('MAIL_SEND_ATTEMPTS', 5, 1, 50),
    mailRetryDelayMs: r.int('MAIL_RETRY_DELAY_MS', 30000, 10, 86400000),
    mailClaimTimeoutSeconds: r.int('MAIL_CLAIM_TIMEOUT_SECONDS', 300, 1, 86400),
    appPublicUrl: r.url('APP_PUBLIC_URL', 'http://localhost:3000', ['http:', 'https:']).replace(/\/+$/, ''),
    metricsToken: env.METRICS_TOKEN?.trim() ? env.METRICS_TOKEN.trim() : null,
    backupDir: r.str('BACKUP_DIR', './var/backups'),
    pgBinDir: env.PG_BIN_DIR?.trim() ? env.PG_BIN_DIR.trim() : null,
    workerMetricsPort: r.int('WORKER_METRICS_PORT', 0, 0, 65535),
    otelEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() ? r.url('OTEL_EXPORTER_OTLP_ENDPOINT', '', ['http:', 'https:']) : null,
  };
  if (config.mailClaimTimeoutSeconds * 1000 <= 3 * config.smtp.timeoutMs) {
    problems.push('MAIL_CLAIM_TIMEOUT_SECONDS muss länger sein als ein ganzer SMTP-Dialog (3 × SMTP_TIMEOUT_MS), sonst kann eine E-Mail doppelt versandt werden.');
  }
  if (config.mfa.encryptionKey !== null && config.mfa.encryptionKey.length < 32) {
    problems.push('MFA_ENCRYPTION_KEY muss mindestens 32 Zeichen lang sein.');
  }
  if (config.districtDebtorIban && !isValidIBAN(electronicFormatIBAN(config.districtDebtorIban) ?? '')) {
    problems.push('DISTRICT_DEBTOR_IBAN ist keine gültige IBAN.');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** The DI token for the validated configuration: `@Inject(APP_CONFIG) config: AppConfig`. */
export const APP_CONFIG = Symbol('APP_CONFIG');
