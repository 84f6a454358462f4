import { EntityManager } from '@mikro-orm/postgresql';
import { Controller, Get, Param, Query, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';

import { AccessService } from '../auth/access.service.js';
import { Allow } from '../auth/allow.decorator.js';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { HttpErrorFilter } from '../common/errors/http-error.filter.js';
import { CONTENT_TYPES, type ExportFile } from './proof-files.js';
import { ProofKind } from './proof.enums.js';
import { receiptCsvChunks } from './receipt-stream.js';
import { AGGREGATE_EXPORTERS, EXPORTERS } from './reporting.access.js';
import { ReportingErrors } from './reporting.errors.js';
import { ReportingService } from './reporting.service.js';

/**
 * Downloads (same Bearer token as GraphQL):
 *   GET /exports/projects/:projectId/interim-proofs/:year/:file?asOf=YYYY-MM-DD
 *   GET /exports/projects/:projectId/final-proof/:file?asOf=YYYY-MM-DD
 *   (a submitted proof: its frozen files; `?version=n` for an earlier submitted version)
 *   GET /exports/projects/:projectId/receipts.csv?fiscalYear=2023&asOf=… (streamed)
 * `:file` is one of the names the GraphQL query `proofExport` lists (e.g. zwischennachweis-2023.xlsx).
 */
@Controller('exports')
@UseFilters(HttpErrorFilter)
@Allow(...AGGREGATE_EXPORTERS)
export class ExportsController {
  constructor(
    private readonly reporting: ReportingService,
    private readonly em: EntityManager,
    private readonly access: AccessService,
  ) {}

  @Get('projects/:projectId/interim-proofs/:year/:file')
  async interim(
    @CurrentUser() user: AuthUser,
    @Param('projectId') projectId: string,
    @Param('year') year: string,
    @Param('file') name: string,
    @Query('asOf') asOf: string | undefined,
    @Query('version') version: string | undefined,
    @Res() res: Response,
  ) {
    const fiscalYear = Number(year);
    if (!Number.isInteger(fiscalYear)) throw ReportingErrors.yearNeeded();
    send(res, await this.reporting.file(user, { projectId, kind: ProofKind.INTERIM, fiscalYear, asOf, version: versionOf(version) }, name));
  }

  @Get('projects/:projectId/final-proof/:file')
  async final(
    @CurrentUser() user: AuthUser,
    @Param('projectId') projectId: string,
    @Param('file') name: string,
    @Query('asOf') asOf: string | undefined,
    @Query('version') version: string | undefined,
    @Res() res: Response,
  ) {
    send(res, await this.reporting.file(user, { projectId, kind: ProofKind.FINAL, asOf, version: versionOf(version) }, name));
  }

  /** The receipt list of an interim (fiscalYear given) or the final proof, streamed from a database cursor. */
  @Get('projects/:projectId/receipts.csv')
  @Allow(...EXPORTERS)
  async receipts(
    @CurrentUser() user: AuthUser,
    @Param('projectId') projectId: string,
    @Query('fiscalYear') year: string | undefined,
    @Query('asOf') asOf: string | undefined,
    @Res() res: Response,
  ) {
    const em = this.em.fork();
    const project = await this.access.requireProject(em, user, projectId, EXPORTERS);
    const kind = year ? ProofKind.INTERIM : ProofKind.FINAL;
    const scope = await this.reporting.scope(em, project, { projectId, kind, fiscalYear: year ? Number(year) : null, asOf });
    const stem = year ? `zwischennachweis-${year}` : 'verwendungsnachweis';
    res.status(200).setHeader('Content-Type', CONTENT_TYPES.csv);
    res.setHeader('Content-Disposition', `attachment; filename="${stem}-belegliste.csv"`);
    // Its own snapshot on a read connection: a replica when replicas are configured.
    for await (const chunk of receiptCsvChunks(await em.getConnection('read').getNativeClient(), scope)) {
      // Backpressure: wait for the socket rather than buffering a slow client's whole list.
      if (!res.write(chunk)) await drained(res);
      if (res.destroyed) return; // the client left: leaving the loop ends the database read
    }
    res.end();
  }
}

/** Resolves when the socket takes data again or the client has gone, leaving no listener behind. */
function drained(res: Response): Promise<void> {
  // Gone already: 'close' has fired and will not fire again.
  if (res.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

function send(res: Response, file: ExportFile): void {
  res.status(200).setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Disposition', `attachment; filename="${file.name}"`);
  res.setHeader('Content-Length', String(file.content.length));
  res.end(file.content);
}

/** `?version=n` of a frozen proof's earlier version. */
function versionOf(value: string | undefined): number | null {
  if (value === undefined) return null;
  const version = Number(value);
  if (!Number.isInteger(version) || version < 1) throw ReportingErrors.noVersion(version);
  return version;
}
