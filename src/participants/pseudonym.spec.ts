import { newPseudonym } from './pseudonym.js';

describe('pseudonyms', () => {
  it('are TN- and eight Crockford base-32 characters', () => {
    for (let i = 0; i < 50; i++) expect(newPseudonym()).toMatch(/^TN-[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(newPseudonym(() => 0)).toBe('TN-00000000');
  });
});
