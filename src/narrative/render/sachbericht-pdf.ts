import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import { type Block, type Inline, markdownBlocks } from './markdown.js';
import { EMPTY_SECTION_TEXT, type SachberichtDocument, type SachberichtTable } from './sachbericht-document.js';

const require = createRequire(import.meta.url);
// pdfmake is CommonJS and a singleton; the proof summary (reporting/pdf) sets it up the same way.

const pdfmake = require('pdfmake') as {
  setFonts(fonts: unknown): void;
  setUrlAccessPolicy(allow: (url: string) => boolean): void;
  setLocalAccessPolicy(allow: (path: string) => boolean): void;
  createPdf(doc: unknown): { getBuffer(): Promise<Buffer> };
};
const fontDir = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path) => path.startsWith(fontDir));
pdfmake.setFonts({
  Roboto: {
    normal: join(fontDir, 'Roboto-Regular.ttf'),
    bold: join(fontDir, 'Roboto-Medium.ttf'),
    italics: join(fontDir, 'Roboto-Italic.ttf'),
    bolditalics: join(fontDir, 'Roboto-MediumItalic.ttf'),
  },
});

/**
 * The Sachbericht as PDF (A4 portrait): title, header lines, the four sections with the project's
 * text and the tables the tracker fills in. Byte-identical for the same document: the PDF's dates
 * are the as-of date, and its ID follows from the document info.
 */
export async function renderSachberichtPdf(doc: SachberichtDocument): Promise<Buffer> {
  const fixed = new Date(`${doc.asOf}T00:00:00Z`);
  const content: unknown[] = [
    { text: doc.title, fontSize: 16, bold: true },
    ...doc.headerLines.map((line, i) => ({ text: line, margin: [0, i === 0 ? 4 : 0, 0, i === doc.headerLines.length - 1 ? 10 : 0] })),
  ];
  for (const section of doc.sections) {
    content.push({ text: section.heading, fontSize: 12, bold: true, margin: [0, 10, 0, 4] });
    const blocks = markdownBlocks(section.markdown);
    if (blocks.length === 0) content.push({ text: EMPTY_SECTION_TEXT, italics: true, color: '#666666' });
    for (const block of blocks) content.push(pdfBlock(block));
    for (const table of section.tables) content.push(...pdfTable(table));
  }
  const definition = {
    info: {
      title: doc.title,
      author: doc.author,
      creator: 'Funding Program Tracker',
      producer: 'Funding Program Tracker',
      creationDate: fixed,
      modDate: fixed,
    },
    pageSize: 'A4',
    pageMargins: [48, 48, 48, 48],
    defaultStyle: { font: 'Roboto', fontSize: 9.5, lineHeight: 1.2 },
    content,
  };
  return pdfmake.createPdf(definition).getBuffer();
}

function pdfBlock(block: Block): unknown {
  switch (block.kind) {
    case 'heading':
      return { text: runs(block.inlines), bold: true, fontSize: Math.max(10, 13 - block.level), margin: [0, 6, 0, 2] };
    case 'paragraph':
      return { text: runs(block.inlines), margin: [0, 0, 0, 4] };
    case 'quote':
      return { text: runs(block.inlines), italics: true, margin: [16, 0, 0, 4] };
    case 'code':
      return { text: block.text, fontSize: 8.5, background: '#f2f2f2', margin: [0, 0, 0, 4], preserveLeadingSpaces: true };
    case 'rule':
      return { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 499, y2: 0, lineWidth: 0.5 }], margin: [0, 4, 0, 4] };
    case 'list': {
      // pdfmake nests lists; a flat list with indentation per level says the same and keeps numbering simple
      let number = block.start;
      return {
        stack: block.items.map((item) => ({
          columns: [
            {
              width: 14 + item.level * 14,
              text: block.ordered && item.level === 0 ? `${number++}.` : item.level === 0 ? '•' : '–',
              alignment: 'right',
              margin: [0, 0, 4, 0],
            },
            { width: '*', text: runs(item.inlines) },
          ],
          columnGap: 4,
        })),
        margin: [0, 0, 0, 4],
      };
    }
    case 'table':
      return {
        table: {
          headerRows: 1,
          body: [block.header.map((c) => ({ text: runs(c), bold: true })), ...block.rows.map((r) => r.map((c) => ({ text: runs(c) })))],
        },
        layout: 'lightHorizontalLines',
        margin: [0, 0, 0, 6],
      };
  }
}

function runs(inlines: Inline[]): unknown[] {
  return inlines.map((i) => ({
    text: i.link ? `${i.text} (${i.link})` : i.text,
    ...(i.bold ? { bold: true } : {}),
    ...(i.italics ? { italics: true } : {}),
    ...(i.code ? { background: '#f2f2f2' } : {}),
  }));
}

function pdfTable(table: SachberichtTable): unknown[] {
  return [
    { text: table.title, bold: true, margin: [0, 6, 0, 3] },
    {
      table: {
        headerRows: 1,
        body: [
          table.header.map((h, c) => ({ text: h, bold: true, alignment: table.align[c] ?? 'left' })),
          ...table.rows.map((row, r) =>
            row.map((cell, c) => ({ text: cell, alignment: table.align[c] ?? 'left', bold: table.boldRows?.includes(r) ?? false })),
          ),
        ],
      },
      layout: 'lightHorizontalLines',
      fontSize: 8,
    },
    ...(table.note ? [{ text: table.note, italics: true, fontSize: 8, margin: [0, 2, 0, 0] }] : []),
  ];
}
