import { randomBytes } from 'node:crypto';

import type { MikroORM } from '@mikro-orm/postgresql';
import { Decimal } from 'decimal.js';

import { Measure } from '../../src/measures/entities/measure.entity.js';
import { Outcome } from '../../src/measures/entities/outcome.entity.js';
import { Participation } from '../../src/measures/entities/participation.entity.js';
import { LabourStatus, MeasureType, OutcomeSource, OutcomeTiming } from '../../src/measures/measures.enums.js';
import { Participant } from '../../src/participants/entities/participant.entity.js';
import { EducationLevel, ExitReason, Gender, LabourStatusAtEntry, ParticipantStatus, Track } from '../../src/participants/participants.enums.js';

/**
 * Builders for a hand-built indicator data set: pseudonymous participants, measures,
 * participations and outcomes written straight to the participants module's tables (no identity:
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

  async participation(participantId: string, measureId: string, startDate: string, end?: { date: string; reason: ExitReason }): Promise<string> {
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

  async outcome(participantId: string, timing: OutcomeTiming, observedOn: string, labourStatus: LabourStatus, benefitReceiptEnded = false): Promise<string> {
    const em = this.orm.em.fork();
    const row = em.create(Outcome, {
      project: this.projectId,
      participant: participantId,
      timing,
      observedOn,
      labourStatus,
      benefitReceiptEnded,
      source: OutcomeSource.CASE_FILE,
    });
    await em.flush();
    return row.id;
  }
}
