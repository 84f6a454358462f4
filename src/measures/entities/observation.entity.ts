import { randomUUID } from 'node:crypto';

import type { Opt, Ref } from '@mikro-orm/core';
import { Check, Entity, Enum, Index, ManyToOne, OneToOne, PrimaryKey, Property, Trigger, Unique } from '@mikro-orm/decorators/legacy';

import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateType } from '../../common/dates/local-date.type.js';
import { Participant } from '../../participants/entities/participant.entity.js';
import { Project } from '../../programs/entities/project.entity.js';
import { ObservationKind, ObservationSource, ObservationType } from '../measures.enums.js';

const REFUSE_CHANGE =
  "raise exception 'labour_market_observation is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege'";

/**
 * One dated labour-market observation of a participant (one participation episode), append-only:
 * a correction or a withdrawal is a new record that supersedes an earlier one, with a reason; the
 * database refuses UPDATE and DELETE. A record is in force while no other record supersedes it and
 * it is not a withdrawal (observations.ts). `recordNo` orders the participant's records as they were
 * written, so that of two observations of the same day the later record counts.
 */
@Entity({ tableName: 'labour_market_observation' })
@Trigger({ name: 'no_update_delete', timing: 'before', events: ['update', 'delete'], forEach: 'row', body: REFUSE_CHANGE })
@Unique({ properties: ['participant', 'recordNo'] })
@Index({ properties: ['project', 'participant'] })
@Check({
  name: 'labour_market_observation_record_check',
  expression:
    "(kind = 'RECORD') = (supersedes_id is null) and (kind = 'RECORD') = (reason is null) and (kind = 'WITHDRAWAL') = (type is null) and (type is null) = (observed_on is null) and (type is null) = (source is null)",
})
export class LabourMarketObservation {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Project, { ref: true })
  project: Ref<Project>;

  @ManyToOne(() => Participant, { ref: true })
  participant: Ref<Participant>;

  /** 1, 2, … per participant, in the order the records were written. */
  @Property({ type: 'integer' })
  recordNo: number;

  @Enum({ items: () => ObservationKind })
  kind: ObservationKind;

  /** The day the status was observed (for a job or training taken up: its first day); null for a withdrawal. */
  @Property({ type: LocalDateType, nullable: true })
  observedOn?: LocalDate | null;

  @Enum({ items: () => ObservationType, nullable: true })
  type?: ObservationType | null;

  @Enum({ items: () => ObservationSource, nullable: true })
  source?: ObservationSource | null;

  /** The record this one corrects or withdraws; a record is superseded at most once. */
  @OneToOne(() => LabourMarketObservation, { ref: true, nullable: true, owner: true, unique: true })
  supersedes?: Ref<LabourMarketObservation> | null;

  /** Why the earlier record was corrected or withdrawn. */
  @Property({ type: 'text', nullable: true })
  reason?: string | null;

  /** The case worker who wrote it; null for records the migration of 2026-12 carried over. */
  @Property({ type: 'uuid', nullable: true })
  recordedBy?: string | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  recordedAt: Opt<Date> = new Date();
}
