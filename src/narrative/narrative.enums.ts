import { registerEnumType } from '@nestjs/graphql';

/** The sections of the Sachbericht the form asks for, and the per-category deviation notes. */
export enum NarrativeSectionKind {
  /** Verwendung der Zuwendung und Verlauf des Vorhabens. */
  USE_AND_COURSE = 'USE_AND_COURSE',
  /** Erzielte Ergebnisse im Vergleich zu den Zielen. */
  RESULTS = 'RESULTS',
  /** Abweichungen vom Finanzierungs- und Arbeitsplan und ihre Gründe. */
  DEVIATIONS = 'DEVIATIONS',
  /** Notwendigkeit und Angemessenheit der geleisteten Arbeit. */
  NECESSITY = 'NECESSITY',
  /** The explanation of one cost category's deviation from plan (needs costCategoryId); shown in the spending table. */
  DEVIATION_NOTE = 'DEVIATION_NOTE',
}

/** The form's sections in their order, with the headings the grantor expects. */
export const SECTION_HEADINGS: Record<Exclude<NarrativeSectionKind, NarrativeSectionKind.DEVIATION_NOTE>, string> = {
  [NarrativeSectionKind.USE_AND_COURSE]: '1. Verwendung der Zuwendung und Verlauf des Vorhabens',
  [NarrativeSectionKind.RESULTS]: '2. Erzielte Ergebnisse im Vergleich zu den Zielen',
  [NarrativeSectionKind.DEVIATIONS]: '3. Abweichungen vom Finanzierungs- und Arbeitsplan und ihre Gründe',
  [NarrativeSectionKind.NECESSITY]: '4. Notwendigkeit und Angemessenheit der geleisteten Arbeit',
};

export const FORM_SECTIONS = Object.keys(SECTION_HEADINGS) as Exclude<NarrativeSectionKind, NarrativeSectionKind.DEVIATION_NOTE>[];

registerEnumType(NarrativeSectionKind, {
  name: 'NarrativeSectionKind',
  description: 'A section of the Sachbericht, or the deviation note of one cost category.',
});
