import type { EntityManager } from '@mikro-orm/postgresql';

import type { LocalDate } from '../common/dates/local-date.js';
import { readConnection } from '../database/read-preference.js';
import type { ObservationKind, ObservationType } from './measures.enums.js';

/** A labour-market observation record as a plain row (superseded ones included; `inForce` resolves them). */
export interface ObservationRow {
  id: string;
  participantId: string;
  recordNo: number;
  kind: ObservationKind;
  observedOn: LocalDate | null;
  type: ObservationType | null;
  supersedesId: string | null;
}

/** Every observation record of a project, by participant and record number, as one plain statement (columns aliased to the row). */
export function observationRowsOfProject(em: EntityManager, projectId: string): Promise<ObservationRow[]> {
  return em.execute<ObservationRow[]>(
    `select o.id, o.participant_id as "participantId", o.record_no as "recordNo", o.kind, o.observed_on as "observedOn",
    o.type, o.supersedes_id as "supersedesId"
  from labour_market_observation o where o.project_id = ? order by o.participant_id asc, o.record_no asc`,
    [projectId],
    { connectionType: readConnection() },
  );
}
