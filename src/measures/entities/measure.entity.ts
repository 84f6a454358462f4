import { randomUUID } from 'node:crypto';

import type { Opt, Ref } from '@mikro-orm/core';
import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Decimal } from 'decimal.js';

import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateType } from '../../common/dates/local-date.type.js';
import { MoneyType } from '../../common/money/decimal.type.js';
import { Track } from '../../participants/participants.enums.js';
import { Project } from '../../programs/entities/project.entity.js';
import { MeasureType } from '../measures.enums.js';

/** Maßnahme: an intervention with a provider (Träger), a period, places and a cost per place. */
@Entity({ tableName: 'measure' })
@Unique({ properties: ['project', 'title'] })
@Index({ properties: ['project', 'startDate', 'id'] })
@Check({ name: 'measure_period_check', expression: 'end_date >= start_date' })
@Check({ name: 'measure_capacity_check', expression: 'capacity >= 1' })
@Check({ name: 'measure_cost_check', expression: 'cost_per_place >= 0' })
export class Measure {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Project, { ref: true })
  @Index()
  project: Ref<Project>;

  @Enum({ items: () => MeasureType })
  type: MeasureType;

  @Property({ type: 'text' })
  title: string;

  /** Träger. */
  @Property({ type: 'text' })
  provider: string;

  @Enum({ items: () => Track })
  track: Track;

  @Property({ type: LocalDateType })
  startDate: LocalDate;

  @Property({ type: LocalDateType })
  endDate: LocalDate;

  /** Places that can be taken at the same time. */
  @Property({ type: 'integer' })
  capacity: number;

  @Property({ type: MoneyType })
  costPerPlace: Decimal;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
