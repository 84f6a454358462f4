import { randomUUID } from 'node:crypto';

import type { Opt, Ref } from '@mikro-orm/core';
import { Check, Entity, Enum, Index, ManyToOne, OneToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';

import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateType } from '../../common/dates/local-date.type.js';
import { Project } from '../../programs/entities/project.entity.js';
import { EducationLevel, ErasureReason, ExitReason, Gender, LabourStatusAtEntry, ParticipantStatus, Track } from '../participants.enums.js';

/**
 * Teilnehmende: the pseudonymous working record (docs/domain.md#participants-and-data-protection) of one participation episode, from
 * entry to exit. No name, no date of birth, nothing that identifies the person; those live
 * encrypted in ParticipantIdentity. A person who comes back after an exit gets a new record (the
 * next episode) that points to the previous one; the identity moves to the newest episode.
 */
@Entity({ tableName: 'participant' })
@Unique({ properties: ['project', 'pseudonym'] })
@Index({ properties: ['project', 'entryDate', 'id'] })
@Check({
  name: 'participant_numbers_check',
  expression:
    'months_on_benefits >= 0 and children_in_household >= 0 and birth_year >= 1900 and birth_year <= 2100 and (age_at_entry is null or (age_at_entry >= 0 and age_at_entry <= 130)) and episode >= 1',
})
@Check({
  name: 'participant_exit_check',
  expression: '(exit_date is null) = (exit_reason is null) and (exit_date is null or exit_date >= entry_date)',
})
export class Participant {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Project, { ref: true })
  @Index()
  project: Ref<Project>;

  /** Random, meaningless, unique within the project (e.g. "TN-7K3M9Q"). */
  @Property({ type: 'string', length: 20 })
  pseudonym: string;

  @Property({ type: 'smallint' })
  birthYear: number;

  /**
   * Completed years of age on the entry date, computed from the date of birth when the episode is
   * registered (the date itself stays in the identity vault); every age band counts with it. Null
   * only for records whose identity was erased before the field existed.
   */
  @Property({ type: 'smallint', nullable: true })
  ageAtEntry?: number | null;

  /** 1 for a first entry, 2 for the first re-entry, … */
  @Property({ type: 'smallint' })
  episode: Opt<number> = 1;

  /** The same person's previous episode (which ended with an exit before this entry). */
  @OneToOne(() => Participant, { ref: true, nullable: true, owner: true, unique: true })
  previousEpisode?: Ref<Participant> | null;

  @Enum({ items: () => Gender })
  gender: Gender;

  @Property({ type: LocalDateType })
  entryDate: LocalDate;

  @Enum({ items: () => Track })
  track: Track;

  @Property({ type: 'boolean' })
  livesAlone: boolean;

  @Property({ type: 'smallint' })
  childrenInHousehold: number;

  @Property({ type: 'boolean' })
  receivesSgb2Benefits: boolean;

  /** Entry data (due within the programme's entry deadline); null until recorded. */
  @Enum({ items: () => LabourStatusAtEntry, nullable: true })
  labourStatusAtEntry?: LabourStatusAtEntry | null;

  @Property({ type: 'smallint', nullable: true })
  monthsOnBenefits?: number | null;

  @Enum({ items: () => EducationLevel, nullable: true })
  educationLevel?: EducationLevel | null;

  @Property({ type: LocalDateType, nullable: true })
  monitoringConsentOn?: LocalDate | null;

  @Property({ type: LocalDateType, nullable: true })
  evaluationConsentOn?: LocalDate | null;

  @Enum({ items: () => ParticipantStatus })
  @Index()
  status: ParticipantStatus;

  /** Codes of the eligibility rules the person failed and a case worker overrode, with the written justification. */
  @Property({ type: 'json', nullable: true })
  overriddenRules?: string[] | null;

  @Property({ type: 'text', nullable: true })
  overrideJustification?: string | null;

  /** Encrypted statistical attributes (IdentityVault.sealStatistics); survive identity erasure. */
  @Property({ type: 'text', nullable: true, lazy: true })
  statisticsCipher?: string | null;

  @Property({ type: 'uuid', nullable: true })
  overrideBy?: string | null;

  @Property({ type: LocalDateType, nullable: true })
  exitDate?: LocalDate | null;

  @Enum({ items: () => ExitReason, nullable: true })
  exitReason?: ExitReason | null;

  /** After this date identity and health are erased; the pseudonymous record stays for statistics. */
  @Property({ type: LocalDateType })
  @Index()
  retainUntil: LocalDate;

  @Property({ type: 'datetime', nullable: true })
  identityErasedAt?: Date | null;

  @Enum({ items: () => ErasureReason, nullable: true })
  erasureReason?: ErasureReason | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
