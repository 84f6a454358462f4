import { Module, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

/**
 * Per-response work nobody uses: Express hashes every answer body for an ETag, but
 * GraphQL answers go out on POST, which no cache revalidates, so the hash bought nothing on a page
 * of 50 rows. `X-Powered-By` only tells an attacker the framework. Set here rather than in the
 * bootstrap file so tests, scripts and the server get the same HTTP behaviour.
 */
@Module({})
export class HttpTuningModule implements OnApplicationBootstrap {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onApplicationBootstrap(): void {
    const express = this.adapterHost.httpAdapter?.getInstance?.() as
      { set?: (name: string, value: unknown) => void; disable?: (name: string) => void } | undefined;
    express?.set?.('etag', false);
    express?.disable?.('x-powered-by');
  }
}
