import { randomUUID } from 'node:crypto';

import type { Opt, Ref } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';

import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateType } from '../../common/dates/local-date.type.js';
import { Project } from '../../programs/entities/project.entity.js';
import { AppUser } from '../../auth/entities/app-user.entity.js';
import { ProofKind, ProofStatus } from '../proof.enums.js';

/**
 * One proof of use a project owes: an interim proof of a fiscal year (fiscalYear set) or the final
 * proof (fiscalYear 0, so that the unique key holds without null semantics). Created when work on
 * it starts; until then the due-date query shows it as OPEN. From submission on, its figures and
 * files are frozen in ProofFile rows.
 */
@Entity({ tableName: 'proof' })
@Unique({ properties: ['project', 'kind', 'fiscalYear'] })
@Index({ properties: ['project', 'status'] })
export class Proof {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Project, { ref: true })
  project: Ref<Project>;

  @Enum({ items: () => ProofKind })
  kind: ProofKind;

  /** The fiscal year of an interim proof; 0 for the final proof. */
  @Property({ type: 'smallint' })
  fiscalYear: number;

  @Enum({ items: () => ProofStatus })
  status: ProofStatus;

  @Property({ type: LocalDateType })
  dueDate: LocalDate;

  /** The current frozen version: 0 until first submitted, n after the n-th (re)submission (ProofVersion). */
  @Property({ type: 'smallint', default: 0 })
  version: Opt<number> = 0;

  /** The as-of date the submitted files were generated with. */
  @Property({ type: LocalDateType, nullable: true })
  asOf?: LocalDate | null;

  @Property({ type: 'datetime', nullable: true })
  submittedAt?: Date | null;

  @ManyToOne(() => AppUser, { ref: true, nullable: true })
  submittedBy?: Ref<AppUser> | null;

  /** The sha256sum manifest of the frozen files. */
  @Property({ type: 'text', nullable: true })
  manifest?: string | null;

  /** How many pre-flight problems the submitted proof carried. */
  @Property({ type: 'integer', nullable: true })
  problemCount?: number | null;

  @Property({ type: 'text', nullable: true })
  comment?: string | null;

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
