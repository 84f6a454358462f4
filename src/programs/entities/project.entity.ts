import { randomUUID } from 'node:crypto';

import type { Opt, Ref } from '@mikro-orm/core';
import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Decimal } from 'decimal.js';

import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateType } from '../../common/dates/local-date.type.js';
import { MoneyType, PercentType } from '../../common/money/decimal.type.js';
import { FinancingType, ProjectStatus } from '../programs.enums.js';
import { FundingProgram } from './funding-program.entity.js';

/**
 * Projekt / Zuwendungsbescheid: one grantee's funded project. Every project-owned table in the
 * other modules references this row's id (`project_id`, not null, indexed, part of its unique keys).
 */
@Entity({ tableName: 'project' })
@Unique({ properties: ['program', 'fileNumber'] })
@Check({ name: 'project_period_check', expression: 'approval_end > approval_start' })
@Check({ name: 'project_total_check', expression: 'approved_total > 0' })
@Check({ name: 'project_rate_check', expression: 'funding_rate > 0 and funding_rate <= 100' })
export class Project {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => FundingProgram, { ref: true })
  @Index()
  program: Ref<FundingProgram>;

  /** Aktenzeichen / Förderkennzeichen of the grant decision. */
  @Property({ type: 'string', length: 60 })
  fileNumber: string;

  @Property({ type: 'text' })
  title: string;

  @Property({ type: 'text' })
  grantee: string;

  /** Bewilligungszeitraum, both ends inclusive. */
  @Property({ type: LocalDateType })
  approvalStart: LocalDate;

  @Property({ type: LocalDateType })
  approvalEnd: LocalDate;

  @Property({ type: MoneyType })
  approvedTotal: Decimal;

  @Enum({ items: () => FinancingType })
  financingType: FinancingType;

  @Property({ type: PercentType })
  fundingRate: Decimal;

  @Enum({ items: () => ProjectStatus })
  status: Opt<ProjectStatus> = ProjectStatus.APPROVED;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
