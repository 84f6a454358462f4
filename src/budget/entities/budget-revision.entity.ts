import { randomUUID } from 'node:crypto';

import type { Opt, Ref } from '@mikro-orm/core';
import { Check, Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';

import { AppUser } from '../../auth/entities/app-user.entity.js';
import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateType } from '../../common/dates/local-date.type.js';
import { Project } from '../../programs/entities/project.entity.js';

/**
 * One state of a project's financing plan: number 0 is the original plan of the grant decision,
 * every later number an amendment (Änderungsbescheid). Rows are never changed; the plan of every
 * revision stays readable. The unique (project, number) key lets only one writer add a number.
 */
@Entity({ tableName: 'budget_revision' })
@Unique({ properties: ['project', 'number'] })
@Check({ name: 'budget_revision_number_check', expression: 'number >= 0' })
export class BudgetRevision {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Indexed by the unique key, whose leading column it is. */
  @ManyToOne(() => Project, { ref: true })
  project: Ref<Project>;

  @Property({ type: 'integer' })
  number: number;

  @Property({ type: 'text' })
  reason: string;

  /** Number of the decision that set this plan (grant or amendment decision). */
  @Property({ type: 'string', length: 100 })
  referenceNumber: string;

  @Property({ type: LocalDateType })
  referenceDate: LocalDate;

  /** The plan applies from this date on; plans are read "as of" a date by it. */
  @Property({ type: LocalDateType })
  effectiveDate: LocalDate;

  @ManyToOne(() => AppUser, { ref: true, nullable: true })
  author?: Ref<AppUser> | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
