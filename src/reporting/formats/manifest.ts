import { createHash } from 'node:crypto';

export interface ManifestEntry {
  file: string;
  bytes: number;
  sha256: string;
}

/** SHA-256 per file, in file-name order, so a recipient can check that nothing was changed. */
export function buildManifest(files: { name: string; content: Buffer }[]): { entries: ManifestEntry[]; text: string } {
  const entries = [...files]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((f) => ({ file: f.name, bytes: f.content.length, sha256: createHash('sha256').update(f.content).digest('hex') }));
  // The sha256sum format: `sha256sum -c MANIFEST.sha256` verifies a downloaded set.
  const text = entries.map((e) => `${e.sha256}  ${e.file}\n`).join('');
  return { entries, text };
}
