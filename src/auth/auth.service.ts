import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { jwtVerify, SignJWT } from 'jose';

import { AuditTrail } from '../audit/audit-trail.js';
import { AppError } from '../common/errors/app-error.js';
import { type AppConfig, APP_CONFIG } from '../config/app-config.js';
import { readConnection } from '../database/read-preference.js';
import type { AuthUser, RoleGrant } from './auth-user.js';
import { AppUser } from './entities/app-user.entity.js';
import { LoginThrottle } from './login-throttle.js';
import { OidcService } from './oidc.service.js';
import type { Role } from './role.enum.js';
import { DUMMY_HASH, verifyPassword } from './passwords.js';

export const ISSUER = 'funding-program-tracker';
/** How many verified tokens a process remembers (the oldest is forgotten first). */
const VERIFIED_TOKENS_KEPT = 10_000;
const unauthenticated = (message: string) => new AppError('UNAUTHENTICATED', message);

/** Sign-in with a password, and turning a bearer token back into a user with their roles. */
@Injectable()
export class AuthService {
  private readonly secret: Uint8Array;
  /**
   * Tokens whose signature jose has already verified, with their subject and expiry: verifying
   * costs a WebCrypto job (about half a millisecond) on every request, checking the expiry of a
   * token seen before costs nothing. Only correctly signed tokens get in, so forged ones cannot
   * fill it; roles are still read on every request.
   */
  private readonly verified = new Map<string, { subject: string | undefined; expiresAt: number }>();

  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditTrail,
    private readonly throttle: LoginThrottle,
    private readonly oidc: OidcService,
  ) {
    this.secret = new TextEncoder().encode(config.jwt.secret);
  }

  /** A signed, expiring token for a correct username and password; one vague error otherwise. Rate-limited per IP and per username. */
  async login(username: string, password: string, ip = 'unknown'): Promise<{ token: string; expiresAt: Date; user: AuthUser }> {
    const name = username.trim().toLowerCase();
    this.throttle.check(ip, name);
    const user = await this.em.fork().findOne(AppUser, { username: name, active: true });
    const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
    if (!user || !user.passwordHash || !ok) {
      this.throttle.failed(name);
      throw unauthenticated('Username or password is wrong.');
    }
    this.throttle.succeeded(name);
    const expiresAt = new Date(Date.now() + this.config.jwt.ttlMinutes * 60_000);
    this.audit.identify(user);
    this.audit.record({ entity: 'AppUser', id: user.id, before: null, after: { signedIn: true } });
    const token = await new SignJWT({ username: user.username })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(expiresAt)
      .sign(this.secret);
    return { token, expiresAt, user: await this.loadUser(user.id) };
  }

  /** The user of an `Authorization` header: undefined without one, UNAUTHENTICATED for a malformed or bad one. */
  async userFromHeader(header: string | undefined): Promise<AuthUser | undefined> {
    if (!header) return undefined;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>".');
    return this.authenticate(match[1]);
  }

  /** The user behind an `Authorization: Bearer` token; UNAUTHENTICATED for a bad, expired or forged one. */
  async authenticate(token: string): Promise<AuthUser> {
    if (this.oidc.isProviderToken(token)) return this.oidc.authenticate(token, async (userId) => (await this.loadUser(userId)).grants);
    const subject = await this.verifiedSubject(token);
    if (!subject) throw unauthenticated('Your sign-in is not valid; please sign in again.');
    return this.loadUser(subject);
  }

  private async verifiedSubject(token: string): Promise<string | undefined> {
    const known = this.verified.get(token);
    // jose's rule: expired when exp <= now, in whole seconds.
    if (known && known.expiresAt > Math.floor(Date.now() / 1000)) return known.subject;
    if (known) this.verified.delete(token);
    try {
      const { payload } = await jwtVerify(token, this.secret, { issuer: ISSUER, algorithms: ['HS256'], requiredClaims: ['exp'] });
      if (this.verified.size >= VERIFIED_TOKENS_KEPT) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, { subject: payload.sub, expiresAt: payload.exp! });
      return payload.sub;
    } catch {
      throw unauthenticated('Your sign-in is not valid or has expired; please sign in again.');
    }
  }

  /**
   * Roles are read on every request, so a revoked role takes effect at once: the user and their
   * role assignments in one statement (this runs before every operation, so no entities are hydrated).
   */
  async loadUser(userId: string): Promise<AuthUser> {
    const rows = await this.em.execute<
      { id: string; username: string; role: Role | null; project_id: string | null; program_id: string | null }[]
    >(
      `select u.id, u.username, r.role, r.project_id, r.program_id
         from app_user u left join role_assignment r on r.user_id = u.id and not r.pending
        where u.id = ? and u.active`,
      [userId],
      { connectionType: readConnection() },
    );
    if (rows.length === 0) throw unauthenticated('This account no longer exists or is disabled.');
    const grants: RoleGrant[] = rows.flatMap((r) =>
      r.role
        ? [{ role: r.role, ...(r.project_id ? { projectId: r.project_id } : {}), ...(r.program_id ? { programId: r.program_id } : {}) }]
        : [],
    );
    return { id: rows[0].id, username: rows[0].username, grants };
  }
}
