import { Inject, Injectable } from '@nestjs/common';

import { AppError } from '../common/errors/app-error.js';
import { type AppConfig, APP_CONFIG } from '../config/app-config.js';
import { RateLimiter } from '../security/rate-limiter.js';

/**
 * Slows down password guessing: every sign-in attempt counts against the client's IP address, and
 * every failed one against the username (a success clears it). In memory, per instance (README).
 */
@Injectable()
export class LoginThrottle {
  private readonly perIp: RateLimiter;
  private readonly perUser: RateLimiter;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const { perIp, perUser, windowSeconds } = config.loginRateLimit;
    this.perIp = new RateLimiter(perIp, windowSeconds * 1000);
    this.perUser = new RateLimiter(perUser, windowSeconds * 1000);
  }

  /** Refuses with RATE_LIMITED when either the IP or the username has used up its attempts. */
  check(ip: string, username: string): void {
    const wait = Math.max(this.perIp.retryAfter(ip), this.perUser.retryAfter(username));
    if (wait > 0) {
      throw new AppError('RATE_LIMITED', `Too many sign-in attempts. Please wait ${wait} seconds and try again.`, undefined, {
        retryAfterSeconds: wait,
      });
    }
    this.perIp.hit(ip);
  }

  failed(username: string): void {
    this.perUser.hit(username);
  }

  succeeded(username: string): void {
    this.perUser.reset(username);
  }
}
