import type { LocalDate } from '../common/dates/local-date.js';
import { ExitReason } from '../participants/participants.enums.js';
import { ObservationKind, ObservationType } from './measures.enums.js';

/**
 * The rules of observation records (the counting rules that read them are in
 * src/indicators/counting-rules.ts): which records are in force, which types may be recorded while
 * the person still takes part, and which exit reasons are themselves an observation.
 */
export interface ObservationRecord {
  id: string;
  kind: ObservationKind;
  supersedesId: string | null;
}

/** The records in force: not superseded by a correction or withdrawal, and not a withdrawal themselves. */
export function inForce<T extends ObservationRecord>(records: readonly T[]): T[] {
  const superseded = new Set<string>();
  for (const r of records) if (r.supersedesId) superseded.add(r.supersedesId);
  return records.filter((r) => r.kind !== ObservationKind.WITHDRAWAL && !superseded.has(r.id));
}

/**
 * SQL twin of `inForce` for statements that read observations directly (statistics, pre-flight,
 * overdue list): `alias` names the labour_market_observation row being tested.
 */
export function inForceSql(alias: string): string {
  return `${alias}.kind <> 'WITHDRAWAL' and not exists (select 1 from labour_market_observation s where s.supersedes_id = ${alias}.id)`;
}

/** Types that describe a labour-market status; the rest are events. */
export const STATUS_TYPES: readonly ObservationType[] = Object.values(ObservationType).filter(
  (t) => t !== ObservationType.BENEFIT_RECEIPT_ENDED,
);

/**
 * While the person still takes part, only what can happen alongside a measure is observed: a job or
 * training taken up, and the end of benefit receipt. Statuses such as job-searching describe the
 * time after the exit.
 */
export const DURING_PARTICIPATION_TYPES: readonly ObservationType[] = [
  ObservationType.EMPLOYMENT_SOCIAL_INSURANCE,
  ObservationType.VOCATIONAL_TRAINING,
  ObservationType.EMPLOYMENT_16I,
  ObservationType.SELF_EMPLOYMENT,
  ObservationType.MARGINAL_EMPLOYMENT,
  ObservationType.BENEFIT_RECEIPT_ENDED,
];

export function allowedBeforeExit(type: ObservationType, observedOn: LocalDate, exitDate: LocalDate | null | undefined): boolean {
  return (!!exitDate && observedOn >= exitDate) || DURING_PARTICIPATION_TYPES.includes(type);
}

/**
 * An exit record (of a participation or of the project) that is itself an observation of its day:
 * "took up a job" is a job subject to social insurance, "started training" a fully qualifying
 * vocational training; that is what these exit reasons mean in the programme.
 */
export function exitObservationType(reason: ExitReason | null | undefined): ObservationType | null {
  if (reason === ExitReason.TOOK_UP_JOB) return ObservationType.EMPLOYMENT_SOCIAL_INSURANCE;
  if (reason === ExitReason.STARTED_TRAINING) return ObservationType.VOCATIONAL_TRAINING;
  return null;
}
