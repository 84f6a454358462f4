import { randomUUID } from 'node:crypto';

import type { Opt, Ref } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Trigger, Unique } from '@mikro-orm/decorators/legacy';

import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateType } from '../../common/dates/local-date.type.js';
import { Project } from '../../programs/entities/project.entity.js';
import { ExitCorrectionKind, ExitReason } from '../participants.enums.js';
import { Participant } from './participant.entity.js';

const REFUSE_CHANGE =
  "raise exception 'participant_exit_correction is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege'";

/**
 * A correction or withdrawal of a recorded exit, with its reason: what the exit said before and
 * what it says now. Append-only; the participant record carries the exit in force.
 */
@Entity({ tableName: 'participant_exit_correction' })
@Trigger({ name: 'no_update_delete', timing: 'before', events: ['update', 'delete'], forEach: 'row', body: REFUSE_CHANGE })
@Index({ properties: ['project', 'participant'] })
@Unique({ properties: ['participant', 'correctionNo'] })
export class ParticipantExitCorrection {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Project, { ref: true })
  project: Ref<Project>;

  @ManyToOne(() => Participant, { ref: true })
  participant: Ref<Participant>;

  /** 1, 2, … per participant, in the order the corrections were made. */
  @Property({ type: 'integer' })
  correctionNo: number;

  @Enum({ items: () => ExitCorrectionKind })
  kind: ExitCorrectionKind;

  @Property({ type: LocalDateType })
  previousExitDate: LocalDate;

  @Enum({ items: () => ExitReason })
  previousExitReason: ExitReason;

  /** Null for a withdrawal (the person had not left). */
  @Property({ type: LocalDateType, nullable: true })
  exitDate?: LocalDate | null;

  @Enum({ items: () => ExitReason, nullable: true })
  exitReason?: ExitReason | null;

  @Property({ type: 'text' })
  reason: string;

  @Property({ type: 'uuid' })
  correctedBy: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  correctedAt: Opt<Date> = new Date();
}
