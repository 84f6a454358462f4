import type { EntityManager } from '@mikro-orm/postgresql';

import type { LocalDate } from '../common/dates/local-date.js';
import { type Observation, statusOnLeaving } from '../indicators/counting-rules.js';
import { suppressPartition } from '../indicators/suppression.js';
import { inForceSql } from '../measures/observations.js';
import { countingParametersOfProject } from './counting-parameters.js';
import { ageBandAtEntry } from './lifecycle.js';

export interface StatisticsRow {
  gender: string;
  track: string;
  birthYear: number;
  /** Exact age at entry; null only where the identity was erased before it was kept (then the birth year counts). */
  ageAtEntry: number | null;
  entryDate: string;
  labourStatusAtEntry: string | null;
  educationLevel: string | null;
  /** The status on leaving (the indicators' rule: the last status observed within the exit-data window), when observed. */
  outcomeAtExit: string | null;
}

export interface StatisticsCell {
  dimension: string;
  value: string;
  count: number | null;
  suppressed: boolean;
}

const DIMENSIONS: [string, (row: StatisticsRow) => string | null][] = [
  ['gender', (r) => r.gender],
  ['track', (r) => r.track],
  ['ageBand', (r) => ageBandAtEntry(r.ageAtEntry ?? Number(r.entryDate.slice(0, 4)) - r.birthYear)],
  ['labourStatusAtEntry', (r) => r.labourStatusAtEntry],
  ['educationLevel', (r) => r.educationLevel],
  ['outcomeAtExit', (r) => r.outcomeAtExit],
];

/**
 * Counts persons per value of each dimension, from pseudonymous fields only: characteristics at
 * entry and the outcome at exit (docs/domain.md#outcome-indicators), not the workflow status, so erasure (which
 * archives a record) leaves every figure as it was. Cells with fewer than `minCellSize` persons
 * (but more than none) are marked suppressed and, when `suppress` is set, lose their count together
 * with a complementary cell of the same dimension, so a small group can neither be read off nor
 * recovered by subtracting the other cells from the total (docs/domain.md#participants-and-data-protection, suppression.ts).
 */
export function tallyParticipants(rows: readonly StatisticsRow[], minCellSize: number, suppress: boolean): StatisticsCell[] {
  const cells: StatisticsCell[] = [];
  for (const [dimension, valueOf] of DIMENSIONS) {
    const counts = new Map<string, number>();
    for (const row of rows) {
      const value = valueOf(row);
      if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    const partition = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([key, count]) => ({ key, count }));
    const total = partition.reduce((sum, c) => sum + c.count, 0);
    const shown = suppressPartition(total, partition, minCellSize).cells;
    partition.forEach((cell, i) => {
      const hidden = shown[i].suppressed;
      cells.push({ dimension, value: cell.key, count: hidden && suppress ? null : cell.count, suppressed: hidden });
    });
  }
  return cells;
}

/**
 * The pseudonymous fields the statistics count (participants module and proof exports alike).
 * With `upTo` (a proof's period end or as-of date), only persons who had entered by that day and
 * observations dated by then: what was known on that date, whatever was recorded later.
 */
export async function loadStatisticsRows(em: EntityManager, projectId: string, upTo?: LocalDate): Promise<StatisticsRow[]> {
  const connection = em.getConnection();
  const [people, observed, parameters] = await Promise.all([
    connection.execute<(Omit<StatisticsRow, 'outcomeAtExit'> & { id: string; exitDate: LocalDate | null })[]>(
      `select p.id, p.gender, p.track, p.birth_year as "birthYear", p.age_at_entry as "ageAtEntry", to_char(p.entry_date, 'YYYY-MM-DD') as "entryDate",
              to_char(p.exit_date, 'YYYY-MM-DD') as "exitDate", p.labour_status_at_entry as "labourStatusAtEntry", p.education_level as "educationLevel"
         from participant p where p.project_id = ? ${upTo ? 'and p.entry_date <= ?' : ''} order by p.id`,
      upTo ? [projectId, upTo] : [projectId],
    ),
    connection.execute<Observation[]>(
      `select o.participant_id as "participantId", to_char(o.observed_on, 'YYYY-MM-DD') as "observedOn", o.record_no as "recordNo", o.type
         from labour_market_observation o
        where o.project_id = ? and ${inForceSql('o')} ${upTo ? 'and o.observed_on <= ?' : ''}`,
      upTo ? [projectId, upTo] : [projectId],
    ),
    countingParametersOfProject(em, projectId),
  ]);
  return people.map(({ id, exitDate, ...row }) => {
    return { ...row, outcomeAtExit: statusOnLeaving({ id, exitDate }, observed, parameters) ?? null };
  });
}
