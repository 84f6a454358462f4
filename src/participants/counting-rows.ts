import type { EntityManager } from '@mikro-orm/postgresql';

import type { LocalDate } from '../common/dates/local-date.js';
import { readConnection } from '../database/read-preference.js';
import type { EducationLevel, ExitReason, Gender, LabourStatusAtEntry, Track } from './participants.enums.js';

/** One episode's pseudonymous fields as the counting rules read them, with its sealed attributes. */
export interface EpisodeCountingRow {
  id: string;
  gender: Gender;
  birthYear: number;
  ageAtEntry: number | null;
  entryDate: LocalDate;
  exitDate: LocalDate | null;
  exitReason: ExitReason | null;
  labourStatusAtEntry: LabourStatusAtEntry | null;
  educationLevel: EducationLevel | null;
  track: Track;
  previousEpisodeId: string | null;
  /** The sealed statistical attributes (IdentityVault.hasDisability); null before the start-up backfill reached the row. */
  statisticsCipher: string | null;
  /** The sealed health record, only for a row without statistical attributes (the fallback). */
  healthCipher: string | null;
}

/**
 * Every episode of a project in entry order as one plain statement (the indicator report reads all
 * of them; the query builder's result mapping cost more than the statement). The columns are
 * aliased to the row shape, so a row needs no mapping. The health record is read, by a subquery,
 * only for rows without the statistical attribute; erasure removes the health record, not the attribute.
 */
export function episodeCountingRows(em: EntityManager, projectId: string): Promise<EpisodeCountingRow[]> {
  return em.execute<EpisodeCountingRow[]>(
    `select x.id, x.gender, x.birth_year as "birthYear", x.age_at_entry as "ageAtEntry", x.entry_date as "entryDate",
    x.exit_date as "exitDate", x.exit_reason as "exitReason", x.labour_status_at_entry as "labourStatusAtEntry",
    x.education_level as "educationLevel", x.track, x.previous_episode_id as "previousEpisodeId", x.statistics_cipher as "statisticsCipher",
    case when x.statistics_cipher is null then
      (select i.health_cipher from participant_identity i where i.participant_id = x.id and i.project_id = x.project_id and i.health_cipher is not null)
    end as "healthCipher"
  from participant x where x.project_id = ? order by x.entry_date asc, x.id asc`,
    [projectId],
    { connectionType: readConnection() },
  );
}
