import { execFile } from 'node:child_process';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import JSZip from 'jszip';

import type { SachberichtDocument } from './sachbericht-document.js';
import { renderSachberichtDocx } from './sachbericht-docx.js';
import { renderSachberichtPdf } from './sachbericht-pdf.js';

const run = promisify(execFile);
const has = async (tool: string, arg: string) =>
  run(tool, [arg]).then(
    () => true,
    () => false,
  );
/** LibreOffice Writer (libreoffice-writer-nogui); Calc alone cannot open a DOCX. */
const hasWriter = () =>
  access('/usr/lib/libreoffice/program/libswlo.so').then(
    () => true,
    () => false,
  );

const DOC: SachberichtDocument = {
  title: 'Sachbericht zum Verwendungsnachweis',
  headerLines: ['Aktenzeichen MP-1 · Jobcenter Test · Neustart', 'Zeitraum 01.01.2024 bis 31.12.2024 · Stand 20.11.2024'],
  asOf: '2024-11-20',
  author: 'Jobcenter Test',
  sections: [
    {
      heading: '1. Verwendung der Zuwendung und Verlauf des Vorhabens',
      markdown:
        '## Verlauf\n\nDas Vorhaben lief **planmäßig**.\n\n1. Coaching\n2. Vermittlung\n\n- Kinderbetreuung\n  - Randzeiten\n\nMehr unter [Projektseite](https://example.org/p).',
      version: 3,
      tables: [
        {
          title: 'Mittelabrufe',
          header: ['Datum', 'Betrag EUR'],
          rows: [
            ['01.02.2024', '9.000,00'],
            ['Summe', '9.000,00'],
          ],
          align: ['left', 'right'],
          boldRows: [1],
        },
      ],
    },
    { heading: '2. Erzielte Ergebnisse im Vergleich zu den Zielen', markdown: '', version: 0, tables: [] },
  ],
};

describe('the Sachbericht as PDF and DOCX', () => {
  it('renders byte-identical files for the same document', async () => {
    const [pdf1, docx1] = [await renderSachberichtPdf(DOC), await renderSachberichtDocx(DOC)];
    await new Promise((r) => setTimeout(r, 1100));
    const [pdf2, docx2] = [await renderSachberichtPdf(DOC), await renderSachberichtDocx(DOC)];
    expect(pdf1.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf1.equals(pdf2)).toBe(true);
    expect(docx1.equals(docx2)).toBe(true);
  });

  it('writes a DOCX with real headings, emphasis, lists, tables and the as-of date, without random ids', async () => {
    const zip = await JSZip.loadAsync(await renderSachberichtDocx(DOC));
    const body = await zip.file('word/document.xml')!.async('string');
    expect(body).toContain('1. Verwendung der Zuwendung und Verlauf des Vorhabens');
    expect(body).toContain('w:val="Heading1"');
    expect(body).toMatch(/<w:b\/>.*planmäßig/s);
    expect(body).toContain('<w:numPr>');
    expect(body).toContain('9.000,00');
    expect(body).toContain('(Noch kein Text erfasst.)');
    const core = await zip.file('docProps/core.xml')!.async('string');
    expect(core).toContain('2024-11-20T00:00:00Z');
    const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
    expect([...rels.matchAll(/Id="([^"]+)"/g)].map((m) => m[1]).every((id) => /^rId(P)?\d+$/.test(id))).toBe(true);
  });

  it('is read by LibreOffice (DOCX) and pdftotext (PDF) with its text and tables', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fpt-sachbericht-'));
    try {
      if (await has('pdftotext', '-v')) {
        await writeFile(join(dir, 's.pdf'), await renderSachberichtPdf(DOC));
        await run('pdftotext', ['-layout', join(dir, 's.pdf'), join(dir, 's-pdf.txt')]);
        const text = await readFile(join(dir, 's-pdf.txt'), 'utf8');
        expect(text).toContain('Sachbericht zum Verwendungsnachweis');
        expect(text).toContain('planmäßig');
        expect(text).toMatch(/01\.02\.2024\s+9\.000,00/);
      } else console.warn('SKIPPED: pdftotext (poppler-utils) is not installed.');
      if ((await has('soffice', '--version')) && (await hasWriter())) {
        await writeFile(join(dir, 's.docx'), await renderSachberichtDocx(DOC));
        await run(
          'soffice',
          [
            `-env:UserInstallation=file://${dir}/profile`,
            '--headless',
            '--convert-to',
            'txt:Text (encoded):UTF8',
            '--outdir',
            dir,
            join(dir, 's.docx'),
          ],
          { timeout: 120_000 },
        );
        const text = await readFile(join(dir, 's.txt'), 'utf8');
        expect(text).toContain('Verlauf');
        expect(text).toContain('Kinderbetreuung');
        expect(text).toContain('9.000,00');
      } else
        console.warn(
          'SKIPPED: LibreOffice Writer (libreoffice-writer-nogui) is not installed; the DOCX is not opened in a word processor.',
        );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
