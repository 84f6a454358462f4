import { randomUUID } from 'node:crypto';

import type { Opt, Ref } from '@mikro-orm/core';
import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Decimal } from 'decimal.js';

import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateType } from '../../common/dates/local-date.type.js';
import { MoneyType } from '../../common/money/decimal.type.js';
import { Project } from '../../programs/entities/project.entity.js';
import { IndicatorUpdateStatus } from '../indicators.enums.js';
import { IndicatorDefinition } from './indicator-definition.entity.js';

/**
 * A manually entered actual of a MANUAL indicator for a stretch of time. Only APPROVED updates
 * count; the approver is never the person who submitted it (four eyes).
 */
@Entity({ tableName: 'indicator_update' })
@Index({ properties: ['project', 'indicator', 'periodTo'] })
@Check({ name: 'indicator_update_period_check', expression: 'period_to >= period_from' })
export class IndicatorUpdate {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Project, { ref: true })
  @Index()
  project: Ref<Project>;

  @ManyToOne(() => IndicatorDefinition, { ref: true })
  indicator: Ref<IndicatorDefinition>;

  @Property({ type: LocalDateType })
  periodFrom: LocalDate;

  /** The update counts in the report period that contains this date. */
  @Property({ type: LocalDateType })
  periodTo: LocalDate;

  @Property({ type: MoneyType })
  value: Decimal;

  /** For PERCENT indicators: what the percentage was computed from. */
  @Property({ type: 'integer', nullable: true })
  numerator?: number | null;

  @Property({ type: 'integer', nullable: true })
  denominator?: number | null;

  @Property({ type: 'text', nullable: true })
  note?: string | null;

  @Enum({ items: () => IndicatorUpdateStatus })
  status: Opt<IndicatorUpdateStatus> = IndicatorUpdateStatus.DRAFT;

  /** The approver's comment; required when returned. */
  @Property({ type: 'text', nullable: true })
  decisionComment?: string | null;

  @Property({ type: 'uuid' })
  createdBy: string;

  @Property({ type: 'uuid', nullable: true })
  submittedBy?: string | null;

  @Property({ type: 'datetime', nullable: true })
  submittedAt?: Date | null;

  @Property({ type: 'uuid', nullable: true })
  decidedBy?: string | null;

  @Property({ type: 'datetime', nullable: true })
  decidedAt?: Date | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
