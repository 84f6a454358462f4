import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { AuthService } from '../../src/auth/auth.service.js';
import { DEMO_AS_OF } from '../../src/database/seeders/participants-demo-data.js';
import { hasSoffice } from '../../src/reporting/formats/libreoffice.js';
import { ReportingService } from '../../src/reporting/reporting.service.js';
import { demoIds } from '../factories/budget.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const run = promisify(execFile);

/**
 * Prints the demo's final proof XLSX the way a reviewer would: LibreOffice headless converts it to
 * PDF. Slow (minutes: 20,000+ receipts), so it runs only on request: `FPT_PRINT_TEST=1` and
 * LibreOffice installed (`apt-get install -y libreoffice-calc-nogui poppler-utils`); otherwise it
 * skips with a message saying which is missing.
 */
const soffice = await hasSoffice();
const requested = process.env.FPT_PRINT_TEST === '1';
const reason = !soffice
  ? 'LibreOffice (soffice) is not installed'
  : !requested
    ? 'FPT_PRINT_TEST=1 is not set (the print test takes minutes)'
    : null;
if (reason)
  console.warn(
    `SKIPPED proof print test: ${reason}. Run: FPT_PRINT_TEST=1 node --experimental-vm-modules node_modules/jest/bin/jest.js test/e2e/proof-print.e2e-spec.ts`,
  );

describe('proof print: the XLSX prints on A4 with the Soll-Ist table on one page width', () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    if (reason) return;
    t = await createTestApp();
    dir = await mkdtemp(join(tmpdir(), 'fpt-print-'));
  }, 300_000);
  afterAll(async () => {
    if (reason) return;
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  (reason ? it.skip : it)(
    'converts the final proof to PDF: A4 landscape pages, every Soll-Ist column on the same page',
    async () => {
      const { projectId } = await demoIds(t);
      const user = await t.app.get(AuthService).userFromHeader((await t.auth('finance')).authorization);
      const { files } = await t.app.get(ReportingService).files(user!, { projectId, kind: 'FINAL', asOf: DEMO_AS_OF } as never);
      const xlsx = files.find((f) => f.name === 'verwendungsnachweis.xlsx')!;
      await writeFile(join(dir, 'proof.xlsx'), xlsx.content);
      await run(
        'soffice',
        [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'proof.xlsx')],
        { timeout: 1_500_000 },
      );
      const info = (await run('pdfinfo', [join(dir, 'proof.pdf')])).stdout;
      const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
      console.log(`The demo final proof XLSX prints as ${pages} pages: ${/Page size:.*$/m.exec(info)![0]}`);
      expect(info).toMatch(/Page size:\s+841\.\d+ x 595\.\d+ pts \(A4\)/);
      // the Soll-Ist sheet: its first and last column headings on one page, and on no page alone
      const text = (await run('pdftotext', ['-layout', join(dir, 'proof.pdf'), '-'], { maxBuffer: 512 * 1024 * 1024 })).stdout.split('\f');
      const sollIst = text.filter((page) => page.includes('Soll-Ist-Vergleich') || page.includes('Erläuterung der Abweichung'));
      expect(sollIst.length).toBeGreaterThan(0);
      for (const page of sollIst) expect([page.includes('Position'), page.includes('Erläuterung der Abweichung')]).toEqual([true, true]);
      // page numbers in the footer
      expect(text[0]).toMatch(/Seite 1 von \d+/);
    },
    1_800_000,
  );
});
