import { markdownBlocks } from './markdown.js';

describe('Sachbericht Markdown', () => {
  it('reads headings, paragraphs with emphasis, nested lists, tables and keeps HTML as text', () => {
    const blocks = markdownBlocks(
      [
        '## Verlauf',
        '',
        'Das Vorhaben lief **planmäßig**, mit *kleinen* Verzögerungen & `B1`.',
        '',
        '- Coaching',
        '  - Einzelcoaching',
        '- Gruppen',
        '',
        '1. erstens',
        '2. zweitens',
        '',
        '| Ziel | Ist |',
        '|---|---:|',
        '| 100 | 97 |',
        '',
        '<script>alert(1)</script>',
        '',
        'Siehe [Bericht](https://example.org/b).',
      ].join('\n'),
    );
    expect(blocks[0]).toEqual({ kind: 'heading', level: 2, inlines: [{ text: 'Verlauf' }] });
    expect(blocks[1]).toEqual({
      kind: 'paragraph',
      inlines: [
        { text: 'Das Vorhaben lief ' },
        { text: 'planmäßig', bold: true },
        { text: ', mit ' },
        { text: 'kleinen', italics: true },
        { text: ' Verzögerungen & ' },
        { text: 'B1', code: true },
        { text: '.' },
      ],
    });
    expect(blocks[2]).toEqual({
      kind: 'list',
      ordered: false,
      start: 1,
      items: [
        { level: 0, inlines: [{ text: 'Coaching' }] },
        { level: 1, inlines: [{ text: 'Einzelcoaching' }] },
        { level: 0, inlines: [{ text: 'Gruppen' }] },
      ],
    });
    expect(blocks[3]).toMatchObject({
      kind: 'list',
      ordered: true,
      start: 1,
      items: [{ inlines: [{ text: 'erstens' }] }, { inlines: [{ text: 'zweitens' }] }],
    });
    expect(blocks[4]).toEqual({
      kind: 'table',
      header: [[{ text: 'Ziel' }], [{ text: 'Ist' }]],
      rows: [[[{ text: '100' }], [{ text: '97' }]]],
    });
    expect(blocks[5]).toEqual({ kind: 'paragraph', inlines: [{ text: '<script>alert(1)</script>' }] });
    expect(blocks[6]).toEqual({
      kind: 'paragraph',
      inlines: [{ text: 'Siehe ' }, { text: 'Bericht', link: 'https://example.org/b' }, { text: '.' }],
    });
  });

  it('gives nothing for an empty section', () => {
    expect(markdownBlocks('')).toEqual([]);
    expect(markdownBlocks('  \n\n')).toEqual([]);
  });
});
