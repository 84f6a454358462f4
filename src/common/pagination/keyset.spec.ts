import { AppError } from '../errors/app-error.js';
import { afterCursor, decodeCursor, encodeCursor, toConnection } from './keyset.js';

describe('keyset pagination', () => {
  const key = ['code', 'id'] as const;

  it('round-trips a cursor', () => {
    expect(decodeCursor(encodeCursor(['A', 'x']), key)).toEqual(['A', 'x']);
  });

  it('rejects a forged cursor with BAD_USER_INPUT on `after`', () => {
    expect.assertions(2);
    try {
      decodeCursor('not-a-cursor', key);
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
  });

  it('builds the "after" condition for a compound key', () => {
    expect(afterCursor(['B', 'y'], key)).toEqual({ $or: [{ code: { $gt: 'B' } }, { code: 'B', id: { $gt: 'y' } }] });
  });

  it('reports the next page from the extra row', () => {
    const rows = [
      { code: 'A', id: '1' },
      { code: 'B', id: '2' },
      { code: 'C', id: '3' },
    ];
    const page = toConnection(rows, 2, 3, key, (r) => r.code);
    expect(page.nodes).toEqual(['A', 'B']);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(decodeCursor(page.pageInfo.endCursor!, key)).toEqual(['B', '2']);
  });

  it("gives every edge its own row's cursor, encoded when read", () => {
    const rows = [
      { code: 'A', id: '1' },
      { code: 'B', id: '2' },
    ];
    const page = toConnection(rows, 2, 2, key, (r) => r.id);
    expect(page.edges.map((e) => decodeCursor(e.cursor, key))).toEqual([
      ['A', '1'],
      ['B', '2'],
    ]);
    expect(page.edges.map((e) => e.node)).toEqual(['1', '2']);
    expect(page.edges[1].cursor).toBe(page.pageInfo.endCursor);
  });
});
