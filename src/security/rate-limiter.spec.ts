import { RateLimiter } from './rate-limiter.js';

describe('RateLimiter', () => {
  let now = 1_000_000;
  const limiter = () => new RateLimiter(3, 60_000, () => now);

  it('allows the limit, refuses the next with the seconds left, and opens again after the window', () => {
    const l = limiter();
    for (let i = 0; i < 3; i++) {
      expect(l.retryAfter('ip')).toBe(0);
      l.hit('ip');
    }
    expect(l.retryAfter('ip')).toBe(60);
    now += 45_000;
    expect(l.retryAfter('ip')).toBe(15);
    expect(l.retryAfter('other')).toBe(0);
    now += 15_000;
    expect(l.retryAfter('ip')).toBe(0);
  });

  it('forgets a key on reset', () => {
    const l = limiter();
    for (let i = 0; i < 3; i++) l.hit('user');
    l.reset('user');
    expect(l.retryAfter('user')).toBe(0);
  });
});
