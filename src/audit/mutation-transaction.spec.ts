import { withRetries } from './mutation-transaction.js';

const serializationFailure = () => Object.assign(new Error('could not serialize access'), { code: '40001' });

describe('withRetries (the mutation transaction as the retry unit)', () => {
  it('re-runs the whole attempt after a serialisation failure and returns its result', async () => {
    let calls = 0;
    const result = await withRetries(async () => {
      calls++;
      if (calls < 3) throw serializationFailure();
      return 'done';
    }, 3);
    expect(result).toBe('done');
    expect(calls).toBe(3);
  });

  it('gives up after the configured retries with the last error', async () => {
    let calls = 0;
    await expect(
      withRetries(async () => {
        calls++;
        throw serializationFailure();
      }, 2),
    ).rejects.toMatchObject({ code: '40001' });
    expect(calls).toBe(3);
  });

  it('never retries other errors', async () => {
    let calls = 0;
    await expect(
      withRetries(async () => {
        calls++;
        throw new Error('bad input');
      }, 5),
    ).rejects.toThrow('bad input');
    expect(calls).toBe(1);
  });
});
