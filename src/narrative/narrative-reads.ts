import type { EntityManager } from '@mikro-orm/postgresql';

import { ProofKind } from '../reporting/proof.enums.js';
import { FORM_SECTIONS, NarrativeSectionKind, SECTION_HEADINGS } from './narrative.enums.js';

export interface NarrativeText {
  section: NarrativeSectionKind;
  heading: string;
  costCategoryId: string | null;
  costCategoryCode: string | null;
  costCategoryName: string | null;
  version: number;
  markdown: string;
  authorId: string | null;
  createdAt: Date | null;
}

export interface Narrative {
  /** The form's four sections in order (version 0 and empty text where not yet written). */
  sections: NarrativeText[];
  /** Deviation notes, in the order of the cost categories. */
  deviationNotes: NarrativeText[];
}

type Row = {
  section: NarrativeSectionKind;
  cost_category_id: string | null;
  code: string | null;
  name: string | null;
  sort_order: number | null;
  version: number;
  markdown: string;
  author_id: string;
  created_at: Date;
};

/** The proof's row key: the fiscal year of an interim proof, 0 for the final proof (as in `proof`). */
export const proofYearKey = (kind: ProofKind, fiscalYear: number | null | undefined) => (kind === ProofKind.FINAL ? 0 : (fiscalYear ?? 0));

/**
 * The latest version of every section of one proof's Sachbericht, in one statement. Exported for
 * the proof files, which render the Sachbericht from it (and freeze it with the proof).
 */
export async function loadNarrative(em: EntityManager, projectId: string, kind: ProofKind, fiscalYear: number | null): Promise<Narrative> {
  const rows = await em.execute<Row[]>(
    `select distinct on (v.slot) v.section, v.cost_category_id, cc.code, cc.name, cc.sort_order, v.version, v.markdown, v.author_id, v.created_at
       from narrative_section_version v left join cost_category cc on cc.id = v.cost_category_id
      where v.project_id = ? and v.proof_kind = ? and v.fiscal_year = ?
      order by v.slot, v.version desc`,
    [projectId, kind, proofYearKey(kind, fiscalYear)],
  );
  const text = (r: Row): NarrativeText => ({
    section: r.section,
    heading:
      r.section === NarrativeSectionKind.DEVIATION_NOTE ? `Begründung der Abweichung ${r.code} ${r.name}` : SECTION_HEADINGS[r.section],
    costCategoryId: r.cost_category_id,
    costCategoryCode: r.code,
    costCategoryName: r.name,
    version: Number(r.version),
    markdown: r.markdown,
    authorId: r.author_id,
    createdAt: new Date(r.created_at),
  });
  const bySection = new Map(rows.filter((r) => r.section !== NarrativeSectionKind.DEVIATION_NOTE).map((r) => [r.section, r]));
  return {
    sections: FORM_SECTIONS.map((section) => {
      const row = bySection.get(section);
      return row
        ? text(row)
        : {
            section,
            heading: SECTION_HEADINGS[section],
            costCategoryId: null,
            costCategoryCode: null,
            costCategoryName: null,
            version: 0,
            markdown: '',
            authorId: null,
            createdAt: null,
          };
    }),
    deviationNotes: rows
      .filter((r) => r.section === NarrativeSectionKind.DEVIATION_NOTE)
      .sort((a, b) => (a.sort_order ?? 0) - (b.sort_order ?? 0) || (a.code ?? '').localeCompare(b.code ?? ''))
      .map(text),
  };
}
