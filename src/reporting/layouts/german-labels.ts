/**
 * German labels for the codes a proof shows (participant statistics, indicator units): the grantor
 * reads "weiblich", not FEMALE. A code without a label is shown as it is, never dropped.
 */
const LABELS: Record<string, string> = {
  // dimensions of the participant statistics
  gender: 'Geschlecht',
  track: 'Zielgruppe',
  ageBand: 'Altersgruppe bei Eintritt',
  labourStatusAtEntry: 'Erwerbsstatus bei Eintritt',
  educationLevel: 'Bildungsstand (ISCED)',
  outcomeAtExit: 'Verbleib bei Austritt',
  // values
  FEMALE: 'weiblich',
  MALE: 'männlich',
  DIVERSE: 'divers',
  WOMEN_REENTRY: 'Wiedereinstieg alleinlebender Frauen',
  YOUTH_TRAINING: 'Jugendliche in Ausbildung',
  UNDER_30: 'unter 30 Jahre',
  '30_TO_54': '30 bis 54 Jahre',
  '55_AND_OVER': '55 Jahre und älter',
  UNEMPLOYED: 'arbeitslos',
  LONG_TERM_UNEMPLOYED: 'langzeitarbeitslos',
  INACTIVE: 'nicht erwerbstätig',
  EMPLOYED: 'erwerbstätig',
  ISCED_0_2: 'ISCED 0–2',
  ISCED_3_4: 'ISCED 3–4',
  ISCED_5_8: 'ISCED 5–8',
  EMPLOYMENT_SOCIAL_INSURANCE: 'sozialversicherungspflichtig beschäftigt',
  VOCATIONAL_TRAINING: 'in Berufsausbildung',
  EMPLOYMENT_16I: 'gefördert beschäftigt (§ 16i SGB II)',
  SELF_EMPLOYMENT: 'selbständig',
  MARGINAL_EMPLOYMENT: 'geringfügig beschäftigt',
  JOB_SEARCHING: 'arbeitsuchend',
  EDUCATION_OR_TRAINING: 'in schulischer/beruflicher Bildung',
  QUALIFICATION_GAINED: 'Qualifizierung erlangt',
  UNKNOWN: 'unbekannt',
  BENEFIT_RECEIPT_ENDED: 'Leistungsbezug beendet',
  // pre-flight checks and the records they name
  EXPENDITURE_NOT_IN_PLAN: 'Beleg ohne Planansatz',
  DRAWDOWN_UNDECIDED: 'Mittelabruf nicht entschieden',
  OVERRUN_WITHOUT_REVISION: 'Überschreitung ohne Änderungsbescheid',
  PARTICIPANT_DATA_MISSING: 'Teilnehmendendaten fehlen',
  DRAWDOWN_OVERDUE: 'Mittel nicht fristgerecht verwendet',
  Expenditure: 'Beleg',
  Drawdown: 'Mittelabruf',
  CostCategory: 'Ausgabeposition',
  Participant: 'Teilnehmende',
  // indicator units
  PERSONS: 'Personen',
  PERCENT: 'Prozent',
  EUR: 'EUR',
};

export const germanLabel = (code: string): string => LABELS[code] ?? code;
