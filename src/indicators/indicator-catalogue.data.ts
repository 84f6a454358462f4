import { ActualSource, Disaggregation, IndicatorKind, IndicatorUnit } from './indicators.enums.js';

/**
 * The demo programme's indicator catalogue (docs/domain.md#outcome-indicators): the ESF Plus common indicators under
 * their codes, and the programme-specific ones. Plain data; the seeder turns it into rows, and a
 * new programme gets its own catalogue.
 */
export interface CatalogueEntry {
  code: string;
  name: string;
  unit: IndicatorUnit;
  kind: IndicatorKind;
  source: ActualSource;
  rule?: string;
  denominatorRule?: string;
  cumulative: boolean;
  disaggregations: Disaggregation[];
  dataSource: string;
}

const ALL = [Disaggregation.GENDER, Disaggregation.AGE_BAND, Disaggregation.EDUCATION, Disaggregation.TRACK];
const GENDER_AGE = [Disaggregation.GENDER, Disaggregation.AGE_BAND];
const ENTRY = 'Teilnehmendendaten bei Eintritt';
const EXIT = 'Verbleibsdaten bis 28 Tage nach Austritt';
const FOLLOW_UP = 'Nachbefragung 6 Monate nach Austritt';

const output = (code: string, name: string, rule: string, disaggregations = GENDER_AGE): CatalogueEntry => ({
  code,
  name,
  unit: IndicatorUnit.PERSONS,
  kind: IndicatorKind.OUTPUT,
  source: ActualSource.COMPUTED,
  rule,
  cumulative: true,
  disaggregations,
  dataSource: ENTRY,
});

const result = (code: string, name: string, rule: string, kind = IndicatorKind.RESULT, dataSource = EXIT): CatalogueEntry => ({
  code,
  name,
  unit: IndicatorUnit.PERSONS,
  kind,
  source: ActualSource.COMPUTED,
  rule,
  cumulative: true,
  disaggregations: ALL,
  dataSource,
});

export const DEMO_CATALOGUE: CatalogueEntry[] = [
  output('EECO01', 'Teilnehmende insgesamt', 'PARTICIPANTS', ALL),
  output('EECO02', 'Arbeitslose, einschließlich Langzeitarbeitslose', 'UNEMPLOYED'),
  output('EECO03', 'Langzeitarbeitslose', 'LONG_TERM_UNEMPLOYED'),
  output('EECO04', 'Nichterwerbstätige', 'INACTIVE'),
  output('EECO05', 'Erwerbstätige, einschließlich Selbstständige', 'EMPLOYED'),
  output('EECO07', 'Teilnehmende unter 30 Jahren', 'UNDER_30', [Disaggregation.GENDER]),
  output('EECO08', 'Teilnehmende ab 55 Jahren', 'FROM_55', [Disaggregation.GENDER]),
  output('EECO09', 'Teilnehmende mit ISCED 0–2', 'ISCED_0_2'),
  output('EECO10', 'Teilnehmende mit ISCED 3–4', 'ISCED_3_4'),
  output('EECO11', 'Teilnehmende mit ISCED 5–8', 'ISCED_5_8'),
  output('EECO12', 'Teilnehmende mit Behinderungen (eingeschränkt)', 'WITH_DISABILITY', [Disaggregation.GENDER]),
  result('EECR01', 'Arbeitsuchende bei Austritt', 'JOB_SEARCHING_ON_LEAVING'),
  result('EECR02', 'In allgemeiner oder beruflicher Bildung bei Austritt', 'IN_EDUCATION_ON_LEAVING'),
  result('EECR03', 'Erlangte Qualifikation bei Austritt', 'QUALIFICATION_ON_LEAVING'),
  result('EECR04', 'In Erwerbstätigkeit, einschließlich Selbstständigkeit, bei Austritt', 'EMPLOYED_ON_LEAVING'),
  result(
    'EELR04',
    'In Erwerbstätigkeit sechs Monate nach Austritt',
    'EMPLOYED_AFTER_6_MONTHS',
    IndicatorKind.LONGER_TERM_RESULT,
    FOLLOW_UP,
  ),
  result(
    'EELR05',
    'Verbesserte Arbeitsmarktsituation sechs Monate nach Austritt',
    'BETTER_SITUATION_AFTER_6_MONTHS',
    IndicatorKind.LONGER_TERM_RESULT,
    FOLLOW_UP,
  ),
  result(
    'PS01',
    'Integrationen in sozialversicherungspflichtige Beschäftigung oder vollqualifizierende Ausbildung',
    'INTEGRATIONS',
    IndicatorKind.PROGRAMME_SPECIFIC,
    'Verbleibsdaten; höchstens eine Integration je Person und Monat, ohne § 16i SGB II',
  ),
  {
    code: 'PS02',
    name: 'Integrationsquote (Anteil der Austritte mit Integration bei Austritt)',
    unit: IndicatorUnit.PERCENT,
    kind: IndicatorKind.PROGRAMME_SPECIFIC,
    source: ActualSource.COMPUTED,
    rule: 'INTEGRATED_ON_LEAVING',
    denominatorRule: 'LEAVERS',
    cumulative: false,
    disaggregations: [Disaggregation.GENDER, Disaggregation.TRACK],
    dataSource: 'Verbleibsdaten und Austritte',
  },
  result(
    'PS03',
    'Leistungsbezug beendet',
    'BENEFIT_RECEIPT_ENDED',
    IndicatorKind.PROGRAMME_SPECIFIC,
    'Verbleibsdaten (Ende des SGB-II-Leistungsbezugs)',
  ),
  result('PS04', 'Erreichte Ausbildungsplätze (Jugendliche)', 'TRAINING_PLACES_REACHED', IndicatorKind.PROGRAMME_SPECIFIC),
  result('PS05', 'Vorzeitige Abbrüche', 'DROPOUTS', IndicatorKind.PROGRAMME_SPECIFIC, 'Austrittsdaten'),
  {
    code: 'PS06',
    name: 'Teilnehmende in betrieblicher Erprobung bei Kooperationsbetrieben',
    unit: IndicatorUnit.PERSONS,
    kind: IndicatorKind.PROGRAMME_SPECIFIC,
    source: ActualSource.MANUAL,
    cumulative: true,
    disaggregations: [],
    dataSource: 'Projektdokumentation (manuelle Meldung)',
  },
  {
    code: 'PS07',
    name: 'Zufriedenheit der Teilnehmenden (Anteil zufrieden)',
    unit: IndicatorUnit.PERCENT,
    kind: IndicatorKind.PROGRAMME_SPECIFIC,
    source: ActualSource.MANUAL,
    cumulative: false,
    disaggregations: [],
    dataSource: 'Teilnehmendenbefragung (manuelle Meldung)',
  },
  {
    code: 'PS08',
    name: 'Eingeworbene Drittmittel für Anschlussangebote',
    unit: IndicatorUnit.EUR,
    kind: IndicatorKind.PROGRAMME_SPECIFIC,
    source: ActualSource.MANUAL,
    cumulative: true,
    disaggregations: [],
    dataSource: 'Finanzbuchhaltung (manuelle Meldung)',
  },
];
