import type { EntityManager } from '@mikro-orm/postgresql';

import type { CountingParameters } from '../indicators/counting-rules.js';
import { ParticipantRules } from './entities/participant-rules.entity.js';
import { countingParametersOf } from './lifecycle.js';

/**
 * The indicators' counting parameters of a programme: read from the same participant rules that
 * the API checks deadlines with (one source per setting); the defaults when a programme has none.
 */
export async function countingParametersOfProgram(em: EntityManager, programId: string): Promise<CountingParameters> {
  return countingParametersOf(await em.findOne(ParticipantRules, { program: programId }));
}

/** The same, for the programme of a project. */
export async function countingParametersOfProject(em: EntityManager, projectId: string): Promise<CountingParameters> {
  const [row] = await em
    .getConnection()
    .execute<{ exitDataDueDays: number | null }[]>(
      'select r.exit_data_due_days as "exitDataDueDays" from project p left join participant_rules r on r.program_id = p.program_id where p.id = ?',
      [projectId],
    );
  return countingParametersOf(row?.exitDataDueDays == null ? null : { exitDataDueDays: row.exitDataDueDays });
}
