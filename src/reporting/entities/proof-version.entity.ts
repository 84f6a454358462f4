import { randomUUID } from 'node:crypto';

import type { Ref } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';

import { AppUser } from '../../auth/entities/app-user.entity.js';
import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateType } from '../../common/dates/local-date.type.js';
import { Project } from '../../programs/entities/project.entity.js';
import { Proof } from './proof.entity.js';

/**
 * One submission of a proof: the first, and each resubmission after the grantor's QUERIES. Written
 * once and never changed; its files are the ProofFile rows of the same version.
 */
@Entity({ tableName: 'proof_version' })
@Unique({ properties: ['proof', 'version'] })
export class ProofVersion {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Project, { ref: true })
  project: Ref<Project>;

  @ManyToOne(() => Proof, { ref: true })
  proof: Ref<Proof>;

  @Property({ type: 'smallint' })
  version: number;

  @Property({ type: LocalDateType })
  asOf: LocalDate;

  @Property({ type: 'datetime' })
  submittedAt: Date;

  @ManyToOne(() => AppUser, { ref: true, nullable: true })
  submittedBy?: Ref<AppUser> | null;

  /** The sha256sum manifest of this version's files. */
  @Property({ type: 'text' })
  manifest: string;

  /** The comment given with the (re)submission, e.g. what was corrected after the queries. */
  @Property({ type: 'text', nullable: true })
  comment?: string | null;
}
