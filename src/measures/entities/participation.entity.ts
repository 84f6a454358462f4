import { randomUUID } from 'node:crypto';

import type { Opt, Ref } from '@mikro-orm/core';
import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateType } from '../../common/dates/local-date.type.js';
import { Participant } from '../../participants/entities/participant.entity.js';
import { ExitReason } from '../../participants/participants.enums.js';
import { Project } from '../../programs/entities/project.entity.js';
import { Measure } from './measure.entity.js';

/** Teilnahme: a participant's enrolment in a measure, from entry to exit (open while endDate is null). */
@Entity({ tableName: 'participation' })
@Index({ properties: ['project', 'participant'] })
@Index({ properties: ['project', 'measure'] })
@Check({ name: 'participation_period_check', expression: 'end_date is null or end_date >= start_date' })
@Check({ name: 'participation_exit_check', expression: '(end_date is null) = (exit_reason is null)' })
export class Participation {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Project, { ref: true })
  project: Ref<Project>;

  @ManyToOne(() => Measure, { ref: true })
  measure: Ref<Measure>;

  @ManyToOne(() => Participant, { ref: true })
  participant: Ref<Participant>;

  @Property({ type: LocalDateType })
  startDate: LocalDate;

  @Property({ type: LocalDateType, nullable: true })
  endDate?: LocalDate | null;

  @Enum({ items: () => ExitReason, nullable: true })
  exitReason?: ExitReason | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
