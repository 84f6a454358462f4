import { randomUUID } from 'node:crypto';

import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';

/** A person who signs in: with a password here, or through the Jobcenter's OpenID Connect provider. */
@Entity({ tableName: 'app_user' })
export class AppUser {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Lower-case sign-in name. */
  @Property({ type: 'string', length: 100 })
  @Unique()
  username: string;

  @Property({ type: 'text' })
  displayName: string;

  /** Argon2id hash; null for users who only sign in through OIDC. */
  @Property({ type: 'text', nullable: true, hidden: true })
  passwordHash?: string | null;

  /** `issuer|subject` of an OIDC identity linked to this user. */
  @Property({ type: 'text', nullable: true })
  @Unique()
  externalSubject?: string | null;

  @Property({ type: 'boolean', default: true })
  active: Opt<boolean> = true;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
