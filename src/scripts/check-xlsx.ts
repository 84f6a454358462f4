/**
 * `npm run check:xlsx -- exports/verwendungsnachweis.xlsx [more.xlsx …]`: opens each workbook in
 * LibreOffice Calc (headless, `soffice` must be installed: apt-get install libreoffice-calc-nogui),
 * converts every sheet to CSV and compares every numeric cell with the file's own value, to the cent.
 */
import { readFile } from 'node:fs/promises';

import { compareWithLibreOffice, hasSoffice } from '../reporting/formats/libreoffice.js';

if (!(await hasSoffice())) {
  process.stderr.write('soffice (LibreOffice) is not installed: apt-get install -y --no-install-recommends libreoffice-calc-nogui\n');
  process.exit(2);
}
let failed = false;
for (const path of process.argv.slice(2)) {
  const { compared, differences } = await compareWithLibreOffice(await readFile(path));
  process.stdout.write(`${path}: ${compared} numbers compared, ${differences.length} differences\n`);
  for (const d of differences.slice(0, 20)) process.stdout.write(`  ${d}\n`);
  failed ||= differences.length > 0 || compared === 0;
}
process.exit(failed ? 1 : 0);
