import { proofParts } from '../layouts/proof-layout.js';
import { sampleProof } from '../../../test/factories/sample-proof.js';
import { compareWithLibreOffice, hasSoffice } from './libreoffice.js';
import { buildXlsx } from './xlsx.js';

const available = await hasSoffice();
if (!available)
  console.warn(
    'SKIPPED: LibreOffice (soffice) is not installed; the XLSX is not opened in a real spreadsheet program. Install libreoffice-calc-nogui to run it.',
  );

describe('XLSX in a real spreadsheet program', () => {
  (available ? it : it.skip)(
    'LibreOffice reads every money cell of the proof with the same value to the cent',
    async () => {
      const xlsx = await buildXlsx(proofParts(sampleProof()), new Date('2024-03-01T00:00:00Z'));
      const { compared, differences } = await compareWithLibreOffice(xlsx);
      expect(differences).toEqual([]);
      expect(compared).toBeGreaterThan(20);
    },
    120_000,
  );
});
