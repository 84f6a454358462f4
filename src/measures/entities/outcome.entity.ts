import { randomUUID } from 'node:crypto';

import type { Opt, Ref } from '@mikro-orm/core';
import { Entity, Enum, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';

import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateType } from '../../common/dates/local-date.type.js';
import { Participant } from '../../participants/entities/participant.entity.js';
import { Project } from '../../programs/entities/project.entity.js';
import { LabourStatus, OutcomeSource, OutcomeTiming } from '../measures.enums.js';

/** An observation of a participant's situation at exit, 6 or 12 months after (one per timing). */
@Entity({ tableName: 'outcome' })
@Unique({ properties: ['project', 'participant', 'timing'] })
export class Outcome {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Project, { ref: true })
  project: Ref<Project>;

  @ManyToOne(() => Participant, { ref: true })
  participant: Ref<Participant>;

  @Enum({ items: () => OutcomeTiming })
  timing: OutcomeTiming;

  @Property({ type: LocalDateType })
  observedOn: LocalDate;

  @Enum({ items: () => LabourStatus })
  labourStatus: LabourStatus;

  @Property({ type: 'boolean' })
  benefitReceiptEnded: boolean;

  @Enum({ items: () => OutcomeSource })
  source: OutcomeSource;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
