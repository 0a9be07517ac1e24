import { electronicFormatIBAN, isValidIBAN } from 'ibantools';

/**
 * Configuration comes from environment variables only and is validated once at boot.
 * A bad or missing value stops the process with a message that names the variable
 * (fail fast, before any port is opened or job is taken).
 */

export type NodeEnv = 'development' | 'test' | 'production';

export interface AppConfig {
  readonly nodeEnv: NodeEnv;
  readonly port: number;
  readonly databaseUrl: string;
  readonly databasePoolSize: number;
  readonly databaseStatementTimeoutMs: number;
  readonly redisUrl: string;
  /** Prefix of every BullMQ key; tests give each file its own. */
  readonly queuePrefix: string;
  readonly jwtSecret: string;
  readonly jwtIssuer: string;
  readonly jwtAudience: string;
  readonly jwtTtlSeconds: number;
  readonly seedDemo: boolean;
  readonly migrateOnStart: boolean;
  readonly corsOrigins: readonly string[];
  readonly bodyLimit: string;
  readonly trustProxy: boolean;
  readonly loginWindowSeconds: number;
  readonly loginMaxFailuresPerAccount: number;
  readonly loginMaxFailuresPerIp: number;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  readonly auditVerifyCron: string;
  readonly timezone: string;
  /** Directory of the local export file storage (relative paths are resolved from the working directory). */
  /** Root of the file storage (exports, letters, uploaded imports). */
  readonly fileStorageDir: string;
  /** Export files older than this many days are removed by the cleanup job. */
  readonly exportRetentionDays: number;
  /** The Kreis's own account: the debtor of every SEPA payment file. */
  readonly districtDebtorName: string;
  readonly districtDebtorIban: string;
  readonly districtDebtorBic: string | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Ungültige Konfiguration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Development-only JWT secret; production refuses to start without JWT_SECRET. */
const DEV_JWT_SECRET = 'foerderfluss-dev-secret-not-for-production-use-0000';

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

export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const r = reader(env, problems);
  const nodeEnv = r.oneOf('NODE_ENV', ['development', 'test', 'production'] as const, 'development');
  const production = nodeEnv === 'production';

  const jwtSecret = production ? r.str('JWT_SECRET') : r.str('JWT_SECRET', DEV_JWT_SECRET);
  if (jwtSecret !== '' && jwtSecret.length < 32) {
    problems.push('JWT_SECRET muss mindestens 32 Zeichen lang sein.');
  }
  if (production && jwtSecret === DEV_JWT_SECRET) {
    problems.push('JWT_SECRET darf in Produktion nicht der Entwicklungs-Standardwert sein.');
  }

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

  const queuePrefix = r.str('QUEUE_PREFIX', 'ff');
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(queuePrefix)) problems.push('QUEUE_PREFIX darf nur Buchstaben, Ziffern, _ . - enthalten.');

  const config: AppConfig = {
    nodeEnv,
    port: r.int('PORT', 3000, 1, 65535),
    databaseUrl: r.url('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/foerderfluss', ['postgres:', 'postgresql:']),
    databasePoolSize: r.int('DATABASE_POOL_SIZE', 10, 1, 200),
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
    trustProxy: r.bool('TRUST_PROXY', false),
    loginWindowSeconds: r.int('LOGIN_WINDOW_SECONDS', 900, 1, 86400),
    loginMaxFailuresPerAccount: r.int('LOGIN_MAX_FAILURES_PER_ACCOUNT', 5, 1, 1000),
    loginMaxFailuresPerIp: r.int('LOGIN_MAX_FAILURES_PER_IP', 50, 1, 100000),
    logLevel: r.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const, 'log'),
    auditVerifyCron: r.str('AUDIT_VERIFY_CRON', '30 2 * * *'),
    timezone: r.str('TZ_BUSINESS', 'Europe/Berlin'),
    districtDebtorName: r.str('DISTRICT_DEBTOR_NAME', 'Landkreis Altenburger Land'),
    // The demo account of the Kreis outside production; production must name the real one.
    districtDebtorIban: production ? r.str('DISTRICT_DEBTOR_IBAN') : r.str('DISTRICT_DEBTOR_IBAN', 'DE74830502001100200300'),
    districtDebtorBic: env.DISTRICT_DEBTOR_BIC?.trim() ? env.DISTRICT_DEBTOR_BIC.trim() : production ? null : 'HELADEF1ALT',
    fileStorageDir: r.str('FILE_STORAGE_DIR', './var/files'),
    exportRetentionDays: r.int('EXPORT_RETENTION_DAYS', 30, 1, 3650),
  };
  if (config.districtDebtorIban && !isValidIBAN(electronicFormatIBAN(config.districtDebtorIban) ?? '')) {
    problems.push('DISTRICT_DEBTOR_IBAN ist keine gültige IBAN.');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** The DI token for the validated configuration: `@Inject(APP_CONFIG) config: AppConfig`. */
export const APP_CONFIG = Symbol('APP_CONFIG');
