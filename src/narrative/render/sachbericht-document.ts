import type { LocalDate } from '../../common/dates/local-date.js';

/** A table the tracker fills in itself; cells are already the text a reader sees (German numbers). */
export interface SachberichtTable {
  title: string;
  header: string[];
  rows: string[][];
  /** Per column; numbers are right-aligned. */
  align: ('left' | 'right')[];
  /** Rows printed in bold (sums). */
  boldRows?: number[];
  /** A line under the table (e.g. that small cells are suppressed). */
  note?: string;
}

export interface SachberichtSection {
  heading: string;
  /** The project's text; empty when not yet written. */
  markdown: string;
  /** The version of the text shown (0: not yet written). */
  version: number;
  /** Tables the tracker fills in for this section. */
  tables: SachberichtTable[];
}

/**
 * Everything a Sachbericht file is drawn from. Pure data: the proof files build it from the proof's
 * figures and the saved sections; both renderers draw exactly this, so PDF and DOCX say the same.
 */
export interface SachberichtDocument {
  /** "Sachbericht zum Verwendungsnachweis" … */
  title: string;
  /** Aktenzeichen, grantee, period, as-of date: one line each. */
  headerLines: string[];
  /** Written into the documents' metadata as their date, so the same content gives the same bytes. */
  asOf: LocalDate;
  author: string;
  sections: SachberichtSection[];
}

export const EMPTY_SECTION_TEXT = '(Noch kein Text erfasst.)';
