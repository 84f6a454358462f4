import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import JSZip from 'jszip';

import { type Block, type Inline, markdownBlocks } from './markdown.js';
import { EMPTY_SECTION_TEXT, type SachberichtDocument, type SachberichtTable } from './sachbericht-document.js';

const NUMBERED = 'sachbericht-numbered';
const HEADINGS = [
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
  HeadingLevel.HEADING_6,
];

/**
 * The Sachbericht as an editable DOCX: real Word headings, paragraphs, lists and tables (not an
 * image of the PDF), so the grantee can go on editing it. Byte-identical for the same document:
 * docx stamps the time and random relationship ids, so the archive is rewritten with the as-of
 * date and numbered ids (see `pinned`).
 */
export async function renderSachberichtDocx(doc: SachberichtDocument): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(doc.title)] }),
    ...doc.headerLines.map((line) => new Paragraph({ children: [new TextRun(line)] })),
  ];
  let listInstance = 0;
  for (const section of doc.sections) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(section.heading)], spacing: { before: 240 } }));
    const blocks = markdownBlocks(section.markdown);
    if (blocks.length === 0)
      children.push(new Paragraph({ children: [new TextRun({ text: EMPTY_SECTION_TEXT, italics: true, color: '666666' })] }));
    for (const block of blocks) children.push(...docxBlock(block, () => listInstance++));
    for (const table of section.tables) children.push(...docxTable(table));
  }
  const document = new Document({
    creator: doc.author,
    title: doc.title,
    description: doc.headerLines.join(' · '),
    numbering: {
      config: [
        {
          reference: NUMBERED,
          levels: [0, 1, 2, 3].map((level) => ({
            level,
            format: LevelFormat.DECIMAL,
            text: `%${level + 1}.`,
            alignment: AlignmentType.START,
            style: { paragraph: { indent: { left: 360 * (level + 1), hanging: 260 } } },
          })),
        },
      ],
    },
    styles: { default: { document: { run: { font: 'Calibri', size: 21 } } } },
    sections: [{ children }],
  });
  return pinned(await Packer.toBuffer(document), doc.asOf);
}

function docxBlock(block: Block, nextList: () => number): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'heading':
      return [new Paragraph({ heading: HEADINGS[Math.min(block.level, 6) - 1], children: runs(block.inlines) })];
    case 'paragraph':
      return [new Paragraph({ children: runs(block.inlines) })];
    case 'quote':
      return [new Paragraph({ children: runs(block.inlines.map((i) => ({ ...i, italics: true }))), indent: { left: 400 } })];
    case 'code':
      return block.text.split('\n').map(
        (line) =>
          new Paragraph({
            children: [new TextRun({ text: line, font: 'Consolas', size: 18 })],
            shading: { type: ShadingType.CLEAR, fill: 'F2F2F2', color: 'auto' },
          }),
      );
    case 'rule':
      return [new Paragraph({ thematicBreak: true, children: [] })];
    case 'list': {
      const instance = nextList();
      return block.items.map((item) =>
        block.ordered
          ? new Paragraph({ children: runs(item.inlines), numbering: { reference: NUMBERED, level: Math.min(item.level, 3), instance } })
          : new Paragraph({ children: runs(item.inlines), bullet: { level: Math.min(item.level, 3) } }),
      );
    }
    case 'table':
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({
              tableHeader: true,
              children: block.header.map(
                (c) => new TableCell({ children: [new Paragraph({ children: runs(c.map((i) => ({ ...i, bold: true }))) })] }),
              ),
            }),
            ...block.rows.map(
              (r) => new TableRow({ children: r.map((c) => new TableCell({ children: [new Paragraph({ children: runs(c) })] })) }),
            ),
          ],
        }),
      ];
  }
}

function runs(inlines: Inline[]): (TextRun | ExternalHyperlink)[] {
  return inlines.flatMap((i): (TextRun | ExternalHyperlink)[] => {
    // a hard line break inside a run: one run per line, each after the first with a break before it
    const pieces = i.text.split('\n').map(
      (line, n) =>
        new TextRun({
          text: line,
          ...(n > 0 ? { break: 1 } : {}),
          bold: i.bold,
          italics: i.italics,
          ...(i.code ? { font: 'Consolas' } : {}),
          ...(i.link ? { style: 'Hyperlink' } : {}),
        }),
    );
    return i.link ? [new ExternalHyperlink({ link: i.link, children: pieces })] : pieces;
  });
}

function docxTable(table: SachberichtTable): (Paragraph | Table)[] {
  const cell = (text: string, column: number, bold: boolean) =>
    new TableCell({
      children: [
        new Paragraph({
          alignment: table.align[column] === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [new TextRun({ text, bold, size: 18 })],
        }),
      ],
    });
  return [
    new Paragraph({ children: [new TextRun({ text: table.title, bold: true })], spacing: { before: 160, after: 60 } }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, children: table.header.map((h, c) => cell(h, c, true)) }),
        ...table.rows.map(
          (row, r) => new TableRow({ children: row.map((text, c) => cell(text, c, table.boldRows?.includes(r) ?? false)) }),
        ),
      ],
    }),
    ...(table.note ? [new Paragraph({ children: [new TextRun({ text: table.note, italics: true, size: 16 })] })] : []),
  ];
}

/**
 * Makes the archive a function of its content: the core properties' created/modified become the
 * as-of date, the random relationship ids docx draws (nanoid) become numbered ones in the order
 * of their first appearance, and every entry is written in name order with the as-of date.
 */
async function pinned(docx: Buffer, asOf: string): Promise<Buffer> {
  const date = new Date(`${asOf}T00:00:00Z`);
  const source = await JSZip.loadAsync(docx);
  const names = Object.keys(source.files)
    .filter((n) => !source.files[n].dir)
    .sort();
  const texts = new Map<string, string>();
  for (const name of names) texts.set(name, await source.files[name].async('string'));
  const randomIds: string[] = [];
  for (const name of names.filter((n) => n.endsWith('.rels'))) {
    for (const match of texts.get(name)!.matchAll(/\bId="([^"]+)"/g)) {
      if (!/^rId\d+$/.test(match[1]) && !randomIds.includes(match[1])) randomIds.push(match[1]);
    }
  }
  const target = new JSZip();
  for (const name of names) {
    let text = texts.get(name)!;
    randomIds.forEach((id, i) => {
      text = text.split(`"${id}"`).join(`"rIdP${i + 1}"`);
    });
    if (name === 'docProps/core.xml')
      text = text.replace(
        /(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:)/g,
        `$1${date.toISOString().replace(/\.\d{3}Z$/, 'Z')}$2`,
      );
    target.file(name, text, { date, createFolders: false });
  }
  return target.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'UNIX' });
}
