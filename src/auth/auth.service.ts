import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { jwtVerify, SignJWT } from 'jose';

import { AuditTrail } from '../audit/audit-trail.js';
import { AppError } from '../common/errors/app-error.js';
import { type AppConfig, APP_CONFIG } from '../config/app-config.js';
import type { AuthUser, RoleGrant } from './auth-user.js';
import { AppUser } from './entities/app-user.entity.js';
import { RoleAssignment } from './entities/role-assignment.entity.js';
import { LoginThrottle } from './login-throttle.js';
import { OidcService } from './oidc.service.js';
import { DUMMY_HASH, verifyPassword } from './passwords.js';

const ISSUER = 'funding-program-tracker';
const unauthenticated = (message: string) => new AppError('UNAUTHENTICATED', message);

/** Sign-in with a password, and turning a bearer token back into a user with their roles. */
@Injectable()
export class AuthService {
  private readonly secret: Uint8Array;

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
    let subject: string | undefined;
    try {
      const { payload } = await jwtVerify(token, this.secret, { issuer: ISSUER, algorithms: ['HS256'] });
      subject = payload.sub;
    } catch {
      throw unauthenticated('Your sign-in is not valid or has expired; please sign in again.');
    }
    if (!subject) throw unauthenticated('Your sign-in is not valid; please sign in again.');
    return this.loadUser(subject);
  }

  /** Roles are read on every request, so a revoked role takes effect at once. */
  async loadUser(userId: string): Promise<AuthUser> {
    const em = this.em.fork();
    const user = await em.findOne(AppUser, { id: userId, active: true });
    if (!user) throw unauthenticated('This account no longer exists or is disabled.');
    const assignments = await em.find(RoleAssignment, { user: user.id });
    const grants: RoleGrant[] = assignments.map((a) => ({
      role: a.role,
      ...(a.project ? { projectId: a.project.id } : {}),
      ...(a.program ? { programId: a.program.id } : {}),
    }));
    return { id: user.id, username: user.username, grants };
  }
}
