import type { EntityManager } from '@mikro-orm/postgresql';

import type { LocalDate } from '../common/dates/local-date.js';
import { epochMs, readConnection } from '../database/read-preference.js';
import type { ParticipantsArgs } from './dto/participant.inputs.js';
import type { ParticipantModel } from './models/participant.model.js';
import type {
  EducationLevel,
  ErasureReason,
  ExitReason,
  Gender,
  LabourStatusAtEntry,
  ParticipantStatus,
  Track,
} from './participants.enums.js';

/**
 * The participant page as plain rows: one statement for the page and its total count,
 * mapped once to the GraphQL shape, without entity hydration or the identity map.
 *
 * The columns are listed one by one, and only those of the pseudonymous record: identity and
 * health live in `participant_identity` and never pass through here. Who may read what is not
 * decided in this SQL: the service checks the role before calling it (row scoping by project) and
 * the field resolvers guard identity, health and the justification, as for the entity path.
 */
const COLUMNS = [
  'x.id',
  'x.project_id',
  'p.program_id',
  'x.pseudonym',
  'x.birth_year',
  'x.gender',
  'x.entry_date::text as entry_date',
  'x.episode',
  'x.previous_episode_id',
  'x.track',
  'x.lives_alone',
  'x.children_in_household',
  'x.receives_sgb2benefits',
  'x.labour_status_at_entry',
  'x.months_on_benefits',
  'x.education_level',
  'x.monitoring_consent_on::text as monitoring_consent_on',
  'x.evaluation_consent_on::text as evaluation_consent_on',
  'x.status',
  'x.overridden_rules',
  'x.override_by',
  'x.override_justification',
  'x.exit_date::text as exit_date',
  'x.exit_reason',
  'x.retain_until::text as retain_until',
  `${epochMs('x.identity_erased_at')} as identity_erased_at`,
  'x.erasure_reason',
  `${epochMs('x.created_at')} as created_at`,
  `${epochMs('x.updated_at')} as updated_at`,
].join(', ');

interface ParticipantRow {
  total: string;
  id: string | null;
  project_id: string;
  program_id: string;
  pseudonym: string;
  birth_year: number;
  gender: Gender;
  entry_date: LocalDate;
  episode: number;
  previous_episode_id: string | null;
  track: Track;
  lives_alone: boolean;
  children_in_household: number;
  receives_sgb2benefits: boolean;
  labour_status_at_entry: LabourStatusAtEntry | null;
  months_on_benefits: number | null;
  education_level: EducationLevel | null;
  monitoring_consent_on: LocalDate | null;
  evaluation_consent_on: LocalDate | null;
  status: ParticipantStatus;
  overridden_rules: string[] | null;
  override_by: string | null;
  override_justification: string | null;
  exit_date: LocalDate | null;
  exit_reason: ExitReason | null;
  retain_until: LocalDate;
  identity_erased_at: number | null;
  erasure_reason: ErasureReason | null;
  created_at: number;
  updated_at: number;
}

function participantFilter(projectId: string, args: ParticipantsArgs): { sql: string; params: unknown[] } {
  const and = ['x.project_id = ?'];
  const params: unknown[] = [projectId];
  const add = (sql: string, value: unknown) => {
    and.push(sql);
    params.push(value);
  };
  if (args.status) add('x.status = ?', args.status);
  if (args.track) add('x.track = ?', args.track);
  if (args.gender) add('x.gender = ?', args.gender);
  if (args.pseudonym) add('x.pseudonym = ?', args.pseudonym);
  if (args.entryFrom) add('x.entry_date >= ?', args.entryFrom);
  if (args.entryTo) add('x.entry_date <= ?', args.entryTo);
  return { sql: and.join(' and '), params };
}

/**
 * One page in entry-date order (entry date, id) after `cursor`, `limit` rows at most, and the total
 * of the filter without the cursor. An empty page still answers one row carrying the total.
 */
export async function participantPageRows(
  em: EntityManager,
  projectId: string,
  args: ParticipantsArgs,
  cursor: [string, string] | undefined,
  limit: number,
) {
  const filter = participantFilter(projectId, args);
  const after = cursor ? ' and (x.entry_date, x.id) > (?::date, ?::uuid)' : '';
  const rows = await em.execute<ParticipantRow[]>(
    `select t.total::text as total, page.* from
       (select count(*) as total from participant x where ${filter.sql}) t
       left join lateral (
         select ${COLUMNS}
           from participant x join project p on p.id = x.project_id
          where ${filter.sql}${after}
          order by x.entry_date, x.id
          limit ?) page on true`,
    [...filter.params, ...filter.params, ...(cursor ?? []), limit],
    { connectionType: readConnection() },
  );
  return { totalCount: Number(rows[0]?.total ?? 0), rows: rows.filter((r) => r.id !== null).map(toParticipantNode) };
}

function toParticipantNode(r: ParticipantRow): ParticipantModel {
  return {
    id: r.id!,
    projectId: r.project_id,
    programId: r.program_id,
    pseudonym: r.pseudonym,
    birthYear: r.birth_year,
    gender: r.gender,
    entryDate: r.entry_date,
    episode: r.episode,
    previousEpisodeId: r.previous_episode_id,
    track: r.track,
    livesAlone: r.lives_alone,
    childrenInHousehold: r.children_in_household,
    receivesSgb2Benefits: r.receives_sgb2benefits,
    labourStatusAtEntry: r.labour_status_at_entry,
    monthsOnBenefits: r.months_on_benefits,
    educationLevel: r.education_level,
    monitoringConsentOn: r.monitoring_consent_on,
    evaluationConsentOn: r.evaluation_consent_on,
    status: r.status,
    eligibilityOverride: r.overridden_rules ? { overriddenRules: r.overridden_rules, overriddenBy: r.override_by } : null,
    overrideJustification: r.override_justification,
    exitDate: r.exit_date,
    exitReason: r.exit_reason,
    retainUntil: r.retain_until,
    identityErasedAt: r.identity_erased_at === null ? null : new Date(r.identity_erased_at),
    erasureReason: r.erasure_reason,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
  };
}
