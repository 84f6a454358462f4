import { sampleProof } from '../../test/factories/sample-proof.js';
import { fileNeeds, MANIFEST_NAME, renderProofFile, renderProofFiles } from './proof-files.js';
import { ALL_SECTIONS, type ProofContent, type ProofData, type ProofSection } from './proof-data.js';
import { ProofKind } from './proof.enums.js';

/** The fields of the data each section fills. */
const FIELDS: Record<ProofSection, (keyof ProofContent)[]> = {
  numbers: ['planVsActual', 'financing', 'drawdowns', 'result'],
  receipts: ['receipts'],
  indicators: ['indicators'],
  participants: ['participants'],
  problems: ['problems'],
  chart: ['chart'],
  settlement: ['settlement'],
  narrative: ['narrative'],
};

/** The sample proof with only the given sections loaded, as the loader would leave it. */
function only(data: ProofData, sections: Set<ProofSection>): ProofData {
  const kept: ProofData = { header: data.header };
  for (const section of sections) for (const field of FIELDS[section]) Object.assign(kept, { [field]: data[field] });
  return kept;
}

describe('proof files one at a time', () => {
  it.each([false, true])(
    'renders every file (aggregated only: %s) from just the sections it names, with the bytes of the whole set',
    async (aggregatedOnly) => {
      const full = sampleProof();
      const set = await renderProofFiles(full, aggregatedOnly);
      for (const file of set.files) {
        const needs = fileNeeds(full.header.kind, full.header.fiscalYear, aggregatedOnly, file.name)!;
        const alone = await renderProofFile(only(full, needs), aggregatedOnly, file.name);
        expect({ name: file.name, same: alone!.content.equals(file.content), contentType: alone!.contentType }).toEqual({
          name: file.name,
          same: true,
          contentType: file.contentType,
        });
      }
    },
  );

  it('names the sections each file needs, and no file for a name outside the set', () => {
    const needs = (name: string, aggregatedOnly = false) => [...(fileNeeds(ProofKind.INTERIM, 2023, aggregatedOnly, name) ?? [])].sort();
    expect(needs('zwischennachweis-2023-belegliste.csv')).toEqual(['receipts']);
    expect(needs('zwischennachweis-2023-finanzierung.csv')).toEqual(['numbers']);
    expect(needs('zwischennachweis-2023-teilnehmende.csv')).toEqual(['participants']);
    expect(needs('zwischennachweis-2023.pdf')).toEqual(['chart', 'numbers', 'problems']);
    // the Schlussabrechnung belongs to the final proof only
    expect(needs(MANIFEST_NAME)).toEqual(ALL_SECTIONS.filter((s) => s !== 'settlement').sort());
    expect([...fileNeeds(ProofKind.FINAL, null, false, 'verwendungsnachweis.pdf')!].sort()).toEqual([
      'chart',
      'numbers',
      'problems',
      'settlement',
    ]);
    expect(needs('zwischennachweis-2023-sachbericht.docx')).toEqual(['indicators', 'narrative', 'numbers', 'participants']);
    expect(needs('zwischennachweis-2023.xlsx', true)).toEqual(['indicators', 'participants']);
    expect(fileNeeds(ProofKind.INTERIM, 2023, true, 'zwischennachweis-2023-belegliste.csv')).toBeNull();
    expect(fileNeeds(ProofKind.INTERIM, 2023, false, 'zwischennachweis-2024.json')).toBeNull();
  });
});
