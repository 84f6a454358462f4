import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** A 32-byte key written as base64 (`openssl rand -base64 32`). */
function base64Key(name: string) {
  return z
    .string()
    .refine((v) => /^[A-Za-z0-9+/]+={0,2}$/.test(v) && Buffer.from(v, 'base64').length === 32, `${name} must be 32 random bytes in base64`)
    .transform((v) => Buffer.from(v, 'base64'));
}

/** Every environment variable the service reads, with its default. The README lists the same. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' }).optional(),
  DATABASE_REPLICA_URLS: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url({ protocol: /^postgres(ql)?$/, error: 'must be comma-separated postgres:// URLs' })))
    .default([]),
  EMBEDDED_PG_DIR: z.string().min(1).default('.data/postgres'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  DB_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  PAYMENT_DATE_TOLERANCE_DAYS: z.coerce.number().int().min(0).max(31).default(3),
  /** Default: true outside production, false in production (where true also needs SEED_DEMO_FORCE). */
  SEED_DEMO: bool.optional(),
  SEED_DEMO_FORCE: bool.default(false),
  /** Tests only: lets a production-mode test app read the test database encrypted with the development keys. */
  ALLOW_DEVELOPMENT_KEYS: bool.default(false),
  PLAYGROUND: bool.default(true),
  /** Compiled execution of plain-input queries (src/common/graphql/jit-executor.ts); false runs every operation on graphql-js. */
  GRAPHQL_JIT: bool.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  GRAPHQL_MAX_PAGE_SIZE: z.coerce.number().int().min(1).max(10_000).default(100),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_TTL_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(480),
  OIDC_ISSUER: z.url({ error: 'must be the issuer URL of the OpenID Connect provider' }).optional(),
  OIDC_JWKS_URL: z.url({ protocol: /^https?$/, error: "must be the http(s) URL of the provider's JWKS" }).optional(),
  OIDC_AUDIENCE: z.string().min(1).optional(),
  OIDC_ROLE_CLAIM: z.string().min(1).default('roles'),
  OIDC_USERNAME_CLAIM: z.string().min(1).default('preferred_username'),
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(2).max(100).default(10),
  GRAPHQL_MAX_COST: z.coerce.number().int().min(10).max(1_000_000).default(5000),
  GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(0).max(1000).default(15),
  GRAPHQL_MAX_TOKENS: z.coerce.number().int().min(100).max(1_000_000).default(10_000),
  GRAPHQL_MAX_DIRECTIVES: z.coerce.number().int().min(0).max(1000).default(20),
  HTTP_BODY_LIMIT_KB: z.coerce.number().int().min(1).max(10_240).default(100),
  LOGIN_RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).max(100_000).default(30),
  LOGIN_RATE_LIMIT_PER_USER: z.coerce.number().int().min(1).max(1000).default(5),
  LOGIN_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  DATA_ENCRYPTION_KEY: base64Key('DATA_ENCRYPTION_KEY').optional(),
  IDENTITY_HASH_KEY: base64Key('IDENTITY_HASH_KEY').optional(),
  IMPORT_MAX_FILE_MB: z.coerce.number().int().min(1).max(1024).default(100),
  MIGRATE_ON_START: bool.default(true),
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d+|[\w.:/]+(\s*,\s*[\w.:/]+)*)$/, 'must be true, false, a hop count or comma-separated proxy addresses/subnets')
    .transform((v) => (v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v))
    .default(false),
  CORS_ORIGINS: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^https?:\/\/[^/\s]+$/, 'must be comma-separated origins like https://tracker.example.org (no path)')))
    .default([]),
});

/** Development and tests only; production refuses to start without its own JWT_SECRET. */
const DEV_JWT_SECRET = 'development-only-secret-do-not-use-in-production';
/** For tests that forge tokens with the development secret. */
export const DEV_JWT_SECRET_FOR_TESTS = DEV_JWT_SECRET;
/** Development and tests only, like DEV_JWT_SECRET: production refuses to start without its own keys. */
export const DEV_ENCRYPTION_KEY = Buffer.from('development-only-data-key-32-byt', 'utf8');
export const DEV_HASH_KEY = Buffer.from('development-only-hash-key-32-byt', 'utf8');

export type AppConfig = {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl?: string;
  replicaUrls: string[];
  embeddedPg: { dir: string; port: number };
  dbPoolMax: number;
  /** Fail fast instead of hanging: waiting for a pool connection, one statement, an idle open transaction. */
  dbTimeouts: DbTimeouts;
  /** How many days after today a payment date may lie (a transfer booked ahead of its value date). */
  paymentDateToleranceDays: number;
  seedDemo: boolean;
  /** Some secret is the public development one (never in production); main.ts says so once at start. */
  usesDevelopmentKeys: boolean;
  playground: boolean;
  graphqlJit: boolean;
  logLevel: string;
  maxPageSize: number;
  jwt: { secret: string; ttlMinutes: number };
  /** External OpenID Connect provider whose tokens are accepted as well (absent: local sign-in only). */
  oidc?: { issuer: string; jwksUrl: string; audience?: string; roleClaim: string; usernameClaim: string };
  limits: GraphQLLimits;
  loginRateLimit: { perIp: number; perUser: number; windowSeconds: number };
  /** Participant identity and health data: AES-256-GCM key and the HMAC key for duplicate checks (docs/domain.md#participants-and-data-protection). */
  dataProtection: { encryptionKey: Buffer; hashKey: Buffer };
  /** Booking imports (POST /imports): the largest file accepted. */
  imports: { maxFileMb: number };
  /** Apply pending migrations at start (the embedded default); off when `npm run migrate` deploys them. */
  migrateOnStart: boolean;
  /** Express `trust proxy` (client IP for rate limits behind a reverse proxy) and allowed CORS origins. */
  http: { trustProxy: boolean | number | string; corsOrigins: string[] };
};

/** The hardened endpoint's limits (OWASP GraphQL cheat sheet); each has its own variable. */
export interface GraphQLLimits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  bodyLimitKb: number;
}

export interface DbTimeouts {
  acquireMs: number;
  statementMs: number;
  idleInTransactionMs: number;
}

export class ConfigError extends Error {}

/** Reads and validates the environment; a bad value stops the start with one line per problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const missing = [
    ...(e.JWT_SECRET ? [] : ['  JWT_SECRET: required in production (at least 32 random characters)']),
    ...(e.DATA_ENCRYPTION_KEY ? [] : ['  DATA_ENCRYPTION_KEY: required in production (32 random bytes in base64)']),
    ...(e.IDENTITY_HASH_KEY ? [] : ['  IDENTITY_HASH_KEY: required in production (32 random bytes in base64)']),
  ];
  const production = e.NODE_ENV === 'production';
  // The development secrets are in the public source: production refuses them, not only their absence.
  const development = [
    ...(e.JWT_SECRET === DEV_JWT_SECRET ? ['  JWT_SECRET: is the public development secret; set your own'] : []),
    ...(!e.ALLOW_DEVELOPMENT_KEYS && e.DATA_ENCRYPTION_KEY?.equals(DEV_ENCRYPTION_KEY)
      ? ['  DATA_ENCRYPTION_KEY: is the public development key; set your own']
      : []),
    ...(!e.ALLOW_DEVELOPMENT_KEYS && e.IDENTITY_HASH_KEY?.equals(DEV_HASH_KEY)
      ? ['  IDENTITY_HASH_KEY: is the public development key; set your own']
      : []),
  ];
  if (production && (missing.length || development.length)) {
    throw new ConfigError(`Invalid configuration:\n${[...missing, ...development].join('\n')}`);
  }
  const seedDemo = e.SEED_DEMO ?? !production;
  if (production && seedDemo && !e.SEED_DEMO_FORCE) {
    throw new ConfigError(
      'Invalid configuration:\n  SEED_DEMO: the demo data has a global administrator with a public password; in production set SEED_DEMO_FORCE=true as well if you really mean it',
    );
  }
  if (Boolean(e.OIDC_ISSUER) !== Boolean(e.OIDC_JWKS_URL)) {
    throw new ConfigError('Invalid configuration:\n  OIDC_ISSUER, OIDC_JWKS_URL: give both to accept OpenID Connect tokens, or neither');
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    replicaUrls: e.DATABASE_REPLICA_URLS,
    embeddedPg: { dir: e.EMBEDDED_PG_DIR, port: e.EMBEDDED_PG_PORT },
    dbPoolMax: e.DB_POOL_MAX,
    dbTimeouts: {
      acquireMs: e.DB_ACQUIRE_TIMEOUT_MS,
      statementMs: e.DB_STATEMENT_TIMEOUT_MS,
      idleInTransactionMs: e.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    },
    paymentDateToleranceDays: e.PAYMENT_DATE_TOLERANCE_DAYS,
    seedDemo,
    usesDevelopmentKeys:
      !e.JWT_SECRET ||
      !e.DATA_ENCRYPTION_KEY ||
      !e.IDENTITY_HASH_KEY ||
      e.JWT_SECRET === DEV_JWT_SECRET ||
      !!e.DATA_ENCRYPTION_KEY?.equals(DEV_ENCRYPTION_KEY) ||
      !!e.IDENTITY_HASH_KEY?.equals(DEV_HASH_KEY),
    playground: e.PLAYGROUND,
    graphqlJit: e.GRAPHQL_JIT,
    logLevel: e.LOG_LEVEL,
    maxPageSize: e.GRAPHQL_MAX_PAGE_SIZE,
    jwt: { secret: e.JWT_SECRET ?? DEV_JWT_SECRET, ttlMinutes: e.JWT_TTL_MINUTES },
    oidc:
      e.OIDC_ISSUER && e.OIDC_JWKS_URL
        ? {
            issuer: e.OIDC_ISSUER,
            jwksUrl: e.OIDC_JWKS_URL,
            audience: e.OIDC_AUDIENCE,
            roleClaim: e.OIDC_ROLE_CLAIM,
            usernameClaim: e.OIDC_USERNAME_CLAIM,
          }
        : undefined,
    limits: {
      maxDepth: e.GRAPHQL_MAX_DEPTH,
      maxCost: e.GRAPHQL_MAX_COST,
      maxAliases: e.GRAPHQL_MAX_ALIASES,
      maxTokens: e.GRAPHQL_MAX_TOKENS,
      maxDirectives: e.GRAPHQL_MAX_DIRECTIVES,
      bodyLimitKb: e.HTTP_BODY_LIMIT_KB,
    },
    loginRateLimit: { perIp: e.LOGIN_RATE_LIMIT_PER_IP, perUser: e.LOGIN_RATE_LIMIT_PER_USER, windowSeconds: e.LOGIN_RATE_WINDOW_SECONDS },
    dataProtection: { encryptionKey: e.DATA_ENCRYPTION_KEY ?? DEV_ENCRYPTION_KEY, hashKey: e.IDENTITY_HASH_KEY ?? DEV_HASH_KEY },
    imports: { maxFileMb: e.IMPORT_MAX_FILE_MB },
    migrateOnStart: e.MIGRATE_ON_START,
    http: { trustProxy: e.TRUST_PROXY, corsOrigins: e.CORS_ORIGINS },
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
