import { randomUUID } from 'node:crypto';

import type { Opt, Ref } from '@mikro-orm/core';
import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';

import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateType } from '../../common/dates/local-date.type.js';
import { Project } from '../../programs/entities/project.entity.js';
import { ReportingPeriodStatus } from '../indicators.enums.js';

/**
 * Berichtszeitraum of a project. Once approved it is LOCKED: its figures are frozen as
 * IndicatorSnapshot rows and never recomputed; later data changes that touch it show up as late
 * corrections in the next period. Periods of a project do not overlap.
 */
@Entity({ tableName: 'reporting_period' })
@Unique({ properties: ['project', 'periodFrom'] })
@Check({ name: 'reporting_period_range_check', expression: 'period_to >= period_from' })
export class ReportingPeriod {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Project, { ref: true })
  @Index()
  project: Ref<Project>;

  @Property({ type: 'string', length: 60 })
  label: string;

  @Property({ type: LocalDateType })
  periodFrom: LocalDate;

  @Property({ type: LocalDateType })
  periodTo: LocalDate;

  @Enum({ items: () => ReportingPeriodStatus })
  status: Opt<ReportingPeriodStatus> = ReportingPeriodStatus.OPEN;

  @Property({ type: 'uuid', nullable: true })
  lockedBy?: string | null;

  @Property({ type: 'datetime', nullable: true })
  lockedAt?: Date | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
