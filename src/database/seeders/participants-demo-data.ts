/**
 * Plain data for the participant demo of the Wuppertal project: the programme's participant rules,
 * the measures of both tracks, and the name pools the generator draws from (invented people).
 */
export const DEMO_AS_OF = '2026-11-20';

export const DEMO_PARTICIPANT_RULES = {
  eligibility: [
    { code: 'FEMALE', kind: 'GENDER_IN', genders: ['FEMALE'], tracks: ['WOMEN_REENTRY'] },
    { code: 'AGE_18_59', kind: 'AGE_AT_ENTRY', min: 18, max: 59, tracks: ['WOMEN_REENTRY'] },
    { code: 'LIVES_ALONE', kind: 'LIVES_ALONE', tracks: ['WOMEN_REENTRY'] },
    { code: 'AGE_15_24', kind: 'AGE_AT_ENTRY', min: 15, max: 24, tracks: ['YOUTH_TRAINING'] },
    { code: 'SGB2_BENEFITS', kind: 'RECEIVES_SGB2_BENEFITS' },
  ],
  retentionMonthsAfterExit: 36,
  entryDataDueDays: 28,
  exitDataDueDays: 28,
  minCellSize: 5,
} as const;

export const DEMO_MEASURES = [
  { type: 'HOLISTIC_COACHING_16K', title: 'Ganzheitliches Coaching Neustart (§16k SGB II)', provider: 'Diakonie Wuppertal', track: 'WOMEN_REENTRY', startDate: '2022-01-01', endDate: '2027-12-31', capacity: 90, costPerPlace: '4200.00', weight: 5 },
  { type: 'ACTIVATION_PLACEMENT_45', title: 'Aktivierung und Vermittlung Frauen (§16 SGB II i.V.m. §45 SGB III)', provider: 'GESA gGmbH', track: 'WOMEN_REENTRY', startDate: '2022-03-01', endDate: '2027-09-30', capacity: 35, costPerPlace: '2850.00', weight: 3 },
  { type: 'MUNICIPAL_CHILDCARE_16A', title: 'Kinderbetreuung während der Maßnahme (§16a SGB II)', provider: 'Stadt Wuppertal, Ressort Kinder', track: 'WOMEN_REENTRY', startDate: '2022-01-01', endDate: '2027-12-31', capacity: 12, costPerPlace: '1200.00', weight: 1 },
  { type: 'MUNICIPAL_DEBT_COUNSELLING_16A', title: 'Schuldnerberatung (§16a SGB II)', provider: 'Verbraucherzentrale NRW, Beratungsstelle Wuppertal', track: 'WOMEN_REENTRY', startDate: '2022-01-01', endDate: '2027-12-31', capacity: 20, costPerPlace: '650.00', weight: 2 },
  { type: 'MUNICIPAL_PSYCHOSOCIAL_16A', title: 'Psychosoziale Begleitung (§16a SGB II)', provider: 'Caritasverband Wuppertal/Solingen', track: 'WOMEN_REENTRY', startDate: '2022-04-01', endDate: '2027-12-31', capacity: 15, costPerPlace: '900.00', weight: 1 },
  { type: 'FURTHER_TRAINING_81', title: 'Teilzeitqualifizierung Pflege und Büro (§81 SGB III)', provider: 'Bergische VHS', track: 'WOMEN_REENTRY', startDate: '2022-06-01', endDate: '2027-06-30', capacity: 24, costPerPlace: '6800.00', weight: 2 },
  { type: 'WAGE_SUBSIDY_16E', title: 'Eingliederung von Langzeitarbeitslosen (§16e SGB II)', provider: 'Jobcenter Wuppertal AöR', track: 'WOMEN_REENTRY', startDate: '2023-01-01', endDate: '2027-12-31', capacity: 10, costPerPlace: '14400.00', weight: 1 },
  { type: 'MODEL_PROJECT_SERVICE', title: 'Digitalwerkstatt für Wiedereinsteigerinnen', provider: 'Neue Effizienz gGmbH', track: 'WOMEN_REENTRY', startDate: '2022-09-01', endDate: '2027-12-31', capacity: 20, costPerPlace: '480.50', weight: 2 },
  { type: 'YOUTH_COACHING_16K_2', title: 'Coaching junge Menschen in Ausbildung (§16k Abs. 2 SGB II)', provider: 'Internationaler Bund, Wuppertal', track: 'YOUTH_TRAINING', startDate: '2022-01-01', endDate: '2027-12-31', capacity: 45, costPerPlace: '3600.00', weight: 4 },
  { type: 'TRAINING_PLACEMENT', title: 'Ausbildungsvermittlung Jugendberufsagentur', provider: 'Jugendberufsagentur Wuppertal', track: 'YOUTH_TRAINING', startDate: '2022-01-01', endDate: '2027-12-31', capacity: 30, costPerPlace: '1500.00', weight: 3 },
  { type: 'ASSISTED_TRAINING', title: 'Assistierte Ausbildung (§74 SGB III)', provider: 'Kolping-Bildungswerk Wuppertal', track: 'YOUTH_TRAINING', startDate: '2022-08-01', endDate: '2027-12-31', capacity: 15, costPerPlace: '5200.00', weight: 1 },
  { type: 'ENTRY_QUALIFICATION', title: 'Einstiegsqualifizierung im Handwerk (§54a SGB III)', provider: 'Kreishandwerkerschaft Wuppertal', track: 'YOUTH_TRAINING', startDate: '2022-08-01', endDate: '2027-07-31', capacity: 12, costPerPlace: '3100.00', weight: 1 },
] as const;

export const FEMALE_FIRST_NAMES = [
  'Anna', 'Sabine', 'Petra', 'Monika', 'Claudia', 'Andrea', 'Nicole', 'Stefanie', 'Katrin', 'Melanie', 'Sandra', 'Julia', 'Jessica', 'Sarah',
  'Laura', 'Lena', 'Marie', 'Sophie', 'Ayşe', 'Fatma', 'Elif', 'Zeynep', 'Emine', 'Agnieszka', 'Katarzyna', 'Olga', 'Natalia', 'Svetlana',
  'Amira', 'Leila', 'Yasmin', 'Maria', 'Elena', 'Ioana', 'Daniela', 'Birgit', 'Heike', 'Jana', 'Nadine', 'Tanja', 'Gül', 'Mira',
] as const;

export const MALE_FIRST_NAMES = [
  'Lukas', 'Leon', 'Finn', 'Jonas', 'Ben', 'Elias', 'Noah', 'Paul', 'Tim', 'Jan', 'Kevin', 'Dennis', 'Emre', 'Mehmet', 'Can', 'Yusuf',
  'Ahmad', 'Omar', 'Bilal', 'Kacper', 'Jakub', 'Mateusz', 'Artem', 'Dmitri', 'Luca', 'Marco', 'Nico', 'Maximilian', 'Moritz', 'Felix',
] as const;

export const LAST_NAMES = [
  'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Schäfer', 'Koch', 'Bauer',
  'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann', 'Braun', 'Krüger', 'Hofmann', 'Hartmann', 'Lange',
  'Schmitt', 'Werner', 'Krause', 'Meier', 'Lehmann', 'Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Öztürk', 'Kowalski', 'Nowak',
  'Wiśniewski', 'Wójcik', 'Ivanova', 'Petrov', 'Haddad', 'Al-Hassan', 'Nasser', 'Popescu', 'Rossi', 'Bianchi', 'Dimitriou',
  'Papadopoulos', 'Kuhn', 'Vogel', 'Berger', 'Engel', 'Busch', 'Pohl', 'Horn', 'Sauer', 'Arnold', 'Brandt',
] as const;

export const STREETS = [
  'Friedrich-Ebert-Straße', 'Hofaue', 'Werth', 'Wall', 'Gathe', 'Berliner Straße', 'Hochstraße', 'Uellendahler Straße', 'Nützenberger Straße',
  'Sonnborner Straße', 'Heckinghauser Straße', 'Schwarzbach', 'Wittensteinstraße', 'Kaiserstraße', 'Luisenstraße', 'Marienstraße',
] as const;
