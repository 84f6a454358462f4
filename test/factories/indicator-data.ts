import { randomBytes } from 'node:crypto';

import type { MikroORM } from '@mikro-orm/postgresql';
import { Decimal } from 'decimal.js';

import { Measure } from '../../src/measures/entities/measure.entity.js';
import { LabourMarketObservation } from '../../src/measures/entities/observation.entity.js';
import { Participation } from '../../src/measures/entities/participation.entity.js';
import { type MeasureType, ObservationKind, ObservationSource, type ObservationType } from '../../src/measures/measures.enums.js';
import { Participant } from '../../src/participants/entities/participant.entity.js';
import {
  EducationLevel,
  type ExitReason,
  Gender,
  type LabourStatusAtEntry,
  ParticipantStatus,
  Track,
} from '../../src/participants/participants.enums.js';

/**
 * Builders for a hand-built indicator data set: pseudonymous participants, measures,
 * participations and observations written straight to the participants module's tables (no identity:
 * indicators never need it). Each call returns the row id.
 */
export class IndicatorDataBuilder {
  constructor(
    private readonly orm: MikroORM,
    private readonly projectId: string,
  ) {}

  async measure(type: MeasureType, track: Track = Track.WOMEN_REENTRY): Promise<string> {
    const em = this.orm.em.fork();
    const measure = em.create(Measure, {
      project: this.projectId,
      type,
      title: `${type} ${randomBytes(3).toString('hex')}`,
      provider: 'Träger Test',
      track,
      startDate: '2024-01-01',
      endDate: '2025-12-31',
      capacity: 50,
      costPerPlace: new Decimal('1000.00'),
    });
    await em.flush();
    return measure.id;
  }

  async participant(p: {
    gender?: Gender;
    birthYear: number;
    /** Defaults to the entry year less the birth year. */
    ageAtEntry?: number;
    entryDate: string;
    entryStatus: LabourStatusAtEntry;
    education?: EducationLevel;
    track?: Track;
    exit?: { date: string; reason: ExitReason };
  }): Promise<string> {
    const em = this.orm.em.fork();
    const participant = em.create(Participant, {
      project: this.projectId,
      pseudonym: `TN-${randomBytes(4).toString('hex').toUpperCase()}`,
      birthYear: p.birthYear,
      ageAtEntry: p.ageAtEntry ?? Number(p.entryDate.slice(0, 4)) - p.birthYear,
      gender: p.gender ?? Gender.FEMALE,
      entryDate: p.entryDate,
      track: p.track ?? Track.WOMEN_REENTRY,
      livesAlone: true,
      childrenInHousehold: 0,
      receivesSgb2Benefits: true,
      labourStatusAtEntry: p.entryStatus,
      monthsOnBenefits: 12,
      educationLevel: p.education ?? EducationLevel.ISCED_3_4,
      status: p.exit ? ParticipantStatus.EXITED : ParticipantStatus.ACTIVE,
      exitDate: p.exit?.date ?? null,
      exitReason: p.exit?.reason ?? null,
      retainUntil: '2030-12-31',
    });
    await em.flush();
    return participant.id;
  }

  async participation(
    participantId: string,
    measureId: string,
    startDate: string,
    end?: { date: string; reason: ExitReason },
  ): Promise<string> {
    const em = this.orm.em.fork();
    const row = em.create(Participation, {
      project: this.projectId,
      participant: participantId,
      measure: measureId,
      startDate,
      endDate: end?.date ?? null,
      exitReason: end?.reason ?? null,
    });
    await em.flush();
    return row.id;
  }

  /** One observation record (the next record number of the participant). */
  async observation(
    participantId: string,
    observedOn: string,
    type: ObservationType,
    source = ObservationSource.CASE_FILE,
  ): Promise<string> {
    const em = this.orm.em.fork();
    const [{ next }] = await em
      .getConnection()
      .execute('select coalesce(max(record_no), 0) + 1 as next from labour_market_observation where participant_id = ?', [participantId]);
    const row = em.create(LabourMarketObservation, {
      project: this.projectId,
      participant: participantId,
      recordNo: Number(next),
      kind: ObservationKind.RECORD,
      observedOn,
      type,
      source,
    });
    await em.flush();
    return row.id;
  }
}
