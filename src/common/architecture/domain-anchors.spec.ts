import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'generated' ? [] : tsFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');
}

const anchors = new Set(
  readFileSync(join(ROOT, 'docs/domain.md'), 'utf8')
    .split('\n')
    .filter((line) => /^#{1,6}\s/.test(line))
    .map((line) => slug(line.replace(/^#+\s*/, ''))),
);
const sources = ['src', 'test', 'bench'].flatMap((dir) => tsFiles(join(ROOT, dir))).filter((f) => !f.endsWith('domain-anchors.spec.ts'));

describe('docs/domain.md is the rule reference the code cites', () => {
  it('has a heading for every docs/domain.md#anchor cited in the code', () => {
    const broken: string[] = [];
    let cited = 0;
    for (const file of sources) {
      for (const [, anchor] of readFileSync(file, 'utf8').matchAll(/docs\/domain\.md#([\p{L}\p{N}-]+)/gu)) {
        cited++;
        if (!anchors.has(anchor)) broken.push(`${relative(ROOT, file)}: #${anchor}`);
      }
    }
    expect(broken).toEqual([]);
    expect(cited).toBeGreaterThan(30);
  });

  it('cites no rule by a document or issue number outside the repository', () => {
    const stale = sources.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (/DOMAIN\.md|\b[Ii]ssue \d+\b/.test(line) ? [`${relative(ROOT, file)}:${i + 1}`] : [])),
    );
    expect(stale).toEqual([]);
  });

  it('makes anchors the way GitHub does', () => {
    expect(slug('Line overrun (ANBest-P 1.2)')).toBe('line-overrun-anbest-p-12');
    expect(slug('Zahlenmäßiger Nachweis')).toBe('zahlenmäßiger-nachweis');
  });
});
