import { buildManifest } from './manifest.js';

describe('SHA-256 manifest', () => {
  it('lists files in name order with their hash, in sha256sum format', () => {
    const { entries, text } = buildManifest([
      { name: 'b.csv', content: Buffer.from('b') },
      { name: 'a.csv', content: Buffer.from('abc') },
    ]);
    expect(entries.map((e) => e.file)).toEqual(['a.csv', 'b.csv']);
    expect(entries[0]).toEqual({ file: 'a.csv', bytes: 3, sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' });
    expect(text.split('\n')[0]).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  a.csv');
  });
});
