import type { EntityManager } from '@mikro-orm/postgresql';

import type { LocalDate } from '../common/dates/local-date.js';
import { suppressPartition } from '../indicators/suppression.js';
import { ageBandAtEntry } from './lifecycle.js';

export interface StatisticsRow {
  gender: string;
  track: string;
  birthYear: number;
  entryDate: string;
  labourStatusAtEntry: string | null;
  educationLevel: string | null;
  /** Labour status of the outcome at exit, when recorded. */
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
  ['ageBand', (r) => ageBandAtEntry(r.birthYear, r.entryDate)],
  ['labourStatusAtEntry', (r) => r.labourStatusAtEntry],
  ['educationLevel', (r) => r.educationLevel],
  ['outcomeAtExit', (r) => r.outcomeAtExit],
];

/**
 * Counts persons per value of each dimension, from pseudonymous fields only: characteristics at
 * entry and the outcome at exit (DOMAIN.md §8), not the workflow status, so erasure (which
 * archives a record) leaves every figure as it was. Cells with fewer than `minCellSize` persons
 * (but more than none) are marked suppressed and, when `suppress` is set, lose their count together
 * with a complementary cell of the same dimension, so a small group can neither be read off nor
 * recovered by subtracting the other cells from the total (DOMAIN.md §6, suppression.ts).
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
 * outcomes at exit observed by then: what was known on that date, whatever was recorded later.
 */
export function loadStatisticsRows(em: EntityManager, projectId: string, upTo?: LocalDate): Promise<StatisticsRow[]> {
  const [outcomeUpTo, entryUpTo] = upTo ? ['and o.observed_on <= ?', 'and p.entry_date <= ?'] : ['', ''];
  return em.getConnection().execute<StatisticsRow[]>(
    `select p.gender, p.track, p.birth_year as "birthYear", to_char(p.entry_date, 'YYYY-MM-DD') as "entryDate",
            p.labour_status_at_entry as "labourStatusAtEntry", p.education_level as "educationLevel", o.labour_status as "outcomeAtExit"
       from participant p left join outcome o on o.participant_id = p.id and o.project_id = p.project_id and o.timing = 'AT_EXIT' ${outcomeUpTo}
      where p.project_id = ? ${entryUpTo}
      order by p.id`,
    upTo ? [upTo, projectId, upTo] : [projectId],
  );
}
