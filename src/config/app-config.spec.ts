import { ConfigError, DEV_ENCRYPTION_KEY, DEV_HASH_KEY, DEV_JWT_SECRET_FOR_TESTS, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  it('applies defaults', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.embeddedPg.dir).toBe('.data/postgres');
    expect(config.seedDemo).toBe(true);
  });

  it('names every bad value at once', () => {
    const attempt = () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('PORT');
      expect(message).toContain('DATABASE_URL');
      expect(message).toContain('LOG_LEVEL');
    }
  });

  it('accepts a postgres URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@localhost:5432/db' }).databaseUrl).toBe('postgres://u:p@localhost:5432/db');
  });

  it('requires its own data-protection keys in production and validates them as 32 bytes of base64', () => {
    const jwt = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) };
    expect(() => loadConfig(jwt)).toThrow(/DATA_ENCRYPTION_KEY: required in production[\s\S]*IDENTITY_HASH_KEY: required/);
    expect(() => loadConfig({ DATA_ENCRYPTION_KEY: Buffer.alloc(16).toString('base64') })).toThrow(
      /DATA_ENCRYPTION_KEY must be 32 random bytes/,
    );
    const key = Buffer.alloc(32, 3).toString('base64');
    const config = loadConfig({ ...jwt, DATA_ENCRYPTION_KEY: key, IDENTITY_HASH_KEY: key });
    expect(config.dataProtection.encryptionKey.equals(Buffer.alloc(32, 3))).toBe(true);
    expect(loadConfig({}).dataProtection.encryptionKey).toHaveLength(32);
  });
});

describe('loadConfig: OIDC and limits', () => {
  it('needs both OIDC_ISSUER and OIDC_JWKS_URL or neither', () => {
    expect(() => loadConfig({ OIDC_ISSUER: 'https://idp.example' })).toThrow(/OIDC_ISSUER, OIDC_JWKS_URL/);
    expect(loadConfig({}).oidc).toBeUndefined();
    expect(loadConfig({ OIDC_ISSUER: 'https://idp.example', OIDC_JWKS_URL: 'https://idp.example/jwks' }).oidc).toEqual({
      issuer: 'https://idp.example',
      jwksUrl: 'https://idp.example/jwks',
      audience: undefined,
      roleClaim: 'roles',
      usernameClaim: 'preferred_username',
    });
  });

  it('validates each limit', () => {
    expect(() => loadConfig({ GRAPHQL_MAX_DEPTH: '1', LOGIN_RATE_LIMIT_PER_IP: '0' })).toThrow(
      /GRAPHQL_MAX_DEPTH[\s\S]*LOGIN_RATE_LIMIT_PER_IP/,
    );
    expect(loadConfig({ GRAPHQL_MAX_ALIASES: '3' }).limits.maxAliases).toBe(3);
  });

  describe('privacy: development secrets and demo seed in production', () => {
    const own = {
      JWT_SECRET: 'p'.repeat(40),
      DATA_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
      IDENTITY_HASH_KEY: Buffer.alloc(32, 2).toString('base64'),
    };
    it('refuses the public development secrets even when given explicitly', () => {
      expect(() => loadConfig({ NODE_ENV: 'production', ...own, JWT_SECRET: DEV_JWT_SECRET_FOR_TESTS })).toThrow(
        /JWT_SECRET: is the public development secret/,
      );
      expect(() => loadConfig({ NODE_ENV: 'production', ...own, DATA_ENCRYPTION_KEY: DEV_ENCRYPTION_KEY.toString('base64') })).toThrow(
        /DATA_ENCRYPTION_KEY: is the public development key/,
      );
      expect(() => loadConfig({ NODE_ENV: 'production', ...own, IDENTITY_HASH_KEY: DEV_HASH_KEY.toString('base64') })).toThrow(
        /IDENTITY_HASH_KEY: is the public development key/,
      );
    });
    it('does not seed the demo in production unless forced', () => {
      expect(loadConfig({ NODE_ENV: 'production', ...own }).seedDemo).toBe(false);
      expect(() => loadConfig({ NODE_ENV: 'production', ...own, SEED_DEMO: 'true' })).toThrow(/SEED_DEMO_FORCE/);
      expect(loadConfig({ NODE_ENV: 'production', ...own, SEED_DEMO: 'true', SEED_DEMO_FORCE: 'true' }).seedDemo).toBe(true);
      expect(loadConfig({ NODE_ENV: 'development' }).seedDemo).toBe(true);
    });
    it('says when it runs on development keys', () => {
      expect(loadConfig({ NODE_ENV: 'development' }).usesDevelopmentKeys).toBe(true);
      expect(loadConfig({ NODE_ENV: 'production', ...own }).usesDevelopmentKeys).toBe(false);
    });
  });
});
