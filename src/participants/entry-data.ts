import type { Participant } from './entities/participant.entity.js';

/**
 * Entry data complete (docs/domain.md#entry-and-exit-data), the participants module's one statement
 * of it: labour status, months on benefits, education level and the monitoring consent are all
 * recorded. The field and its column are named once here, for the ORM check and the SQL one.
 */
const ENTRY_DATA = {
  labourStatusAtEntry: 'labour_status_at_entry',
  monthsOnBenefits: 'months_on_benefits',
  educationLevel: 'education_level',
  monitoringConsentOn: 'monitoring_consent_on',
} as const satisfies Partial<Record<keyof Participant, string>>;

type EntryData = Pick<Participant, keyof typeof ENTRY_DATA>;

export function entryDataComplete(participant: EntryData): boolean {
  return (Object.keys(ENTRY_DATA) as (keyof EntryData)[]).every((field) => participant[field] !== null && participant[field] !== undefined);
}

/** The same as an SQL boolean on a `participant` row aliased `participant`. */
export function entryDataCompleteSql(participant = 'p'): string {
  return `(${Object.values(ENTRY_DATA)
    .map((column) => `${participant}.${column} is not null`)
    .join(' and ')})`;
}
