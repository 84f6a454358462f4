import type { ArgumentsHost } from '@nestjs/common';

import { AppError, type AppErrorCode } from './app-error.js';
import { HttpErrorFilter } from './http-error.filter.js';
import { HTTP_STATUS } from './http-status.js';

function answer(error: unknown) {
  const sent = { status: 0, body: undefined as unknown, headers: {} as Record<string, string> };
  const response = {
    headersSent: false,
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: unknown) {
      sent.body = body;
      return this;
    },
    setHeader(name: string, value: string) {
      sent.headers[name] = value;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  new HttpErrorFilter().catch(error, host);
  return sent;
}

describe('HttpErrorFilter (export and upload routes)', () => {
  it('answers RATE_LIMITED with 429 and Retry-After, not 500', () => {
    const sent = answer(new AppError('RATE_LIMITED', 'Too many downloads.', undefined, { retryAfterSeconds: 7 }));
    expect(sent.status).toBe(429);
    expect(sent.headers['Retry-After']).toBe('7');
    expect(sent.body).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 7 });
  });

  it('maps every error code to a 4xx status, and an unavailable database to 503', () => {
    for (const code of Object.keys(HTTP_STATUS) as AppErrorCode[]) {
      const sent = answer(new AppError(code, 'refused'));
      const expected = code === 'SERVICE_UNAVAILABLE' ? sent.status === 503 : sent.status >= 400 && sent.status < 500;
      expect([code, expected]).toEqual([code, true]);
    }
  });

  it('masks anything else as a 500 without detail', () => {
    expect(answer(new Error('secret detail'))).toMatchObject({
      status: 500,
      body: { code: 'INTERNAL_SERVER_ERROR', message: 'The request failed.' },
    });
  });
});
