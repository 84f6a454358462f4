import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { createRemoteJWKSet, decodeJwt, type JWTPayload, jwtVerify } from 'jose';

import { AppError } from '../common/errors/app-error.js';
import { type AppConfig, APP_CONFIG } from '../config/app-config.js';
import type { AuthUser, RoleGrant } from './auth-user.js';
import { AppUser } from './entities/app-user.entity.js';
import { grantsFromRoleClaim } from './oidc-claims.js';

/** Only asymmetric signatures: an HMAC "signed" with the public key must never pass. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/**
 * Bearer tokens of the Jobcenter's OpenID Connect provider (OIDC_ISSUER + OIDC_JWKS_URL): verified
 * against the provider's published keys, the person linked to an AppUser by `issuer|sub`
 * (provisioned on first sight), roles taken from the role claim on every request plus any
 * granted locally.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger('OIDC');
  private readonly settings: NonNullable<AppConfig['oidc']> | undefined;
  private readonly keys: ReturnType<typeof createRemoteJWKSet> | undefined;

  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.settings = config.oidc;
    this.keys = config.oidc ? createRemoteJWKSet(new URL(config.oidc.jwksUrl)) : undefined;
  }

  /** Whether the token claims to come from the configured provider (checked for real by `verify`). */
  isProviderToken(token: string): boolean {
    if (!this.settings) return false;
    try {
      return decodeJwt(token).iss === this.settings.issuer;
    } catch {
      return false;
    }
  }

  /** The user of a provider token with the claim's grants; `localGrants` adds roles granted in this service. */
  async authenticate(token: string, localGrants: (userId: string) => Promise<RoleGrant[]>): Promise<AuthUser> {
    const payload = await this.verify(token);
    const user = await this.linkedUser(payload);
    const { grants, rejected } = grantsFromRoleClaim(payload[this.settings!.roleClaim]);
    if (rejected.length)
      this.logger.warn({ rejected, user: user.username }, 'ignored role claim entries that are not in the documented format');
    const all = [...grants, ...(await localGrants(user.id))];
    const unique = [...new Map(all.map((g) => [`${g.role}|${g.projectId ?? ''}|${g.programId ?? ''}`, g])).values()];
    return { id: user.id, username: user.username, grants: unique };
  }

  private async verify(token: string): Promise<JWTPayload & { sub: string }> {
    const { issuer, audience } = this.settings!;
    try {
      const { payload } = await jwtVerify(token, this.keys!, { issuer, audience, algorithms: ALGORITHMS });
      if (!payload.sub) throw new Error('no subject');
      return payload as JWTPayload & { sub: string };
    } catch (error) {
      this.logger.debug({ err: error }, 'OIDC token refused');
      throw new AppError('UNAUTHENTICATED', 'Your sign-in with the identity provider is not valid or has expired; please sign in again.');
    }
  }

  /** The AppUser linked to `issuer|sub`, created on first sight; concurrent first requests end up with one. */
  private async linkedUser(payload: JWTPayload & { sub: string }): Promise<AppUser> {
    const externalSubject = `${this.settings!.issuer}|${payload.sub}`;
    const em = this.em.fork();
    let user = await em.findOne(AppUser, { externalSubject });
    if (!user) {
      const name = usernameFrom(payload[this.settings!.usernameClaim], payload.sub);
      const username = (await em.count(AppUser, { username: name }))
        ? `${name.slice(0, 80)}#${payload.sub.slice(0, 16)}`.toLowerCase()
        : name;
      user = em.create(AppUser, { username, displayName: String(payload.name ?? name).slice(0, 200), externalSubject, passwordHash: null });
      try {
        await em.flush();
      } catch (error) {
        if (!(error instanceof UniqueConstraintViolationException)) throw error;
        user = await em.fork().findOneOrFail(AppUser, { externalSubject });
      }
    }
    if (!user.active) throw new AppError('UNAUTHENTICATED', 'This account is disabled.');
    return user;
  }
}

function usernameFrom(claim: unknown, subject: string): string {
  const raw = typeof claim === 'string' && claim.trim() ? claim : subject;
  return raw
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9._@-]/g, '_')
    .slice(0, 100);
}
