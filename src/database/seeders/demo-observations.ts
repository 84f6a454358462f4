import type { LocalDate } from '../../common/dates/local-date.js';
import { ObservationSource, ObservationType } from '../../measures/measures.enums.js';
import { exitObservationType } from '../../measures/observations.js';
import { ExitReason } from '../../participants/participants.enums.js';
import type { DemoPerson } from './participants-demo.js';
import { DEMO_MEASURES } from './participants-demo-data.js';

export interface DemoObservation {
  recordNo: number;
  observedOn: LocalDate;
  type: ObservationType;
  source: ObservationSource;
}

/**
 * The observation records of one generated person. The generator describes outcomes the way the
 * tracker kept them before observations existed (a labour status at exit, 6 and 12 months after,
 * with a benefit flag); this turns them into records exactly as the migration of 2026-12
 * (Migration20261202181301_Observations) turns stored outcomes into records, so that the demo
 * seeded today and a database migrated from the old demo hold the same observations (a test
 * compares them):
 * - a participation ended "took up a job" / "started training" is an observation of its end day;
 * - each outcome is one status observation; a job subject to social insurance held in a § 16i
 *   placement (running that day, or kept beyond the exit unless left for another job) is a § 16i
 *   job; education or training of someone who left to start a training is a fully qualifying
 *   vocational training; an outcome with the benefit flag adds an observation that benefit receipt
 *   ended;
 * - records are numbered by date, exit records before outcomes of the same day (so the outcome is
 *   the later record and counts), benefit events last.
 */
export function demoObservations(person: DemoPerson): DemoObservation[] {
  const rows: { observedOn: LocalDate; rank: number; index: number; type: ObservationType; source: ObservationSource }[] = [];
  person.participations.forEach((p, index) => {
    const type = p.endDate ? exitObservationType(p.exitReason as ExitReason | null) : null;
    if (!type || rows.some((r) => r.rank === 0 && r.observedOn === p.endDate && r.type === type)) return;
    rows.push({ observedOn: p.endDate!, rank: 0, index, type, source: ObservationSource.EXIT_RECORD });
  });
  const held16i = (on: LocalDate) =>
    person.participations.some(
      (p) =>
        (DEMO_MEASURES[p.measureIndex].type as string) === 'LABOUR_MARKET_PARTICIPATION_16I' &&
        p.startDate <= on &&
        (p.endDate === null || p.endDate >= on || (p.endDate === person.exitDate && p.exitReason !== ExitReason.TOOK_UP_JOB)),
    );
  person.outcomes.forEach((o, index) => {
    rows.push({
      observedOn: o.observedOn,
      rank: 1,
      index,
      type: statusType(o.labourStatus, o.observedOn, person, held16i),
      source: o.source as ObservationSource,
    });
    if (o.benefitReceiptEnded)
      rows.push({
        observedOn: o.observedOn,
        rank: 2,
        index,
        type: ObservationType.BENEFIT_RECEIPT_ENDED,
        source: o.source as ObservationSource,
      });
  });
  rows.sort((a, b) => a.observedOn.localeCompare(b.observedOn) || a.rank - b.rank || a.index - b.index);
  return rows.map((r, i) => ({ recordNo: i + 1, observedOn: r.observedOn, type: r.type, source: r.source }));
}

/** The labour status of an outcome as an observation type (the migration's CASE expression). */
function statusType(status: string, on: LocalDate, person: DemoPerson, held16i: (on: LocalDate) => boolean): ObservationType {
  switch (status) {
    case 'EMPLOYED_SOCIAL_INSURANCE':
      return held16i(on) ? ObservationType.EMPLOYMENT_16I : ObservationType.EMPLOYMENT_SOCIAL_INSURANCE;
    case 'IN_EDUCATION_OR_TRAINING':
      return person.exitReason === ExitReason.STARTED_TRAINING
        ? ObservationType.VOCATIONAL_TRAINING
        : ObservationType.EDUCATION_OR_TRAINING;
    case 'MARGINAL_JOB':
      return ObservationType.MARGINAL_EMPLOYMENT;
    case 'SELF_EMPLOYED':
      return ObservationType.SELF_EMPLOYMENT;
    default:
      return status as ObservationType;
  }
}
