import { Controller, Inject, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import busboy from 'busboy';
import type { Request, Response } from 'express';
import type { Readable } from 'node:stream';

import { Allow } from '../auth/allow.decorator.js';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { HttpErrorFilter } from '../common/errors/http-error.filter.js';
import { AppError } from '../common/errors/app-error.js';
import { type AppConfig, APP_CONFIG } from '../config/app-config.js';
import { MONEY_WRITERS } from '../tranches/money-access.js';
import { ImportStagingService } from './import-staging.service.js';
import { ImportErrors } from './imports.errors.js';

/**
 * `POST /imports?projectId=…&format=DATEV|CAMT|CSV[&profileId=…]`, body multipart/form-data with
 * one field `file`, `Authorization: Bearer <token>` (FINANCE of the project). Streams the file into
 * staging and answers 201 with the staged import, or an error naming file, line and field.
 *
 * Why not GraphQL multipart: a multipart POST is a request a browser sends cross-site without a
 * preflight, so Apollo's CSRF prevention refuses it by design, and switching that off would open
 * the whole GraphQL endpoint. Here the token travels only in the Authorization header, which no
 * browser adds to a cross-site form post, so a forged upload arrives unauthenticated (401).
 */
@Controller('imports')
@UseFilters(HttpErrorFilter)
export class ImportsController {
  constructor(
    private readonly staging: ImportStagingService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @Allow(...MONEY_WRITERS)
  async upload(
    @CurrentUser() user: AuthUser,
    @Query('projectId') projectId: string | undefined,
    @Query('format') format: string | undefined,
    @Query('profileId') profileId: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    if (!req.headers['content-type']?.startsWith('multipart/form-data')) throw ImportErrors.notMultipart();
    const limitBytes = this.config.imports.maxFileMb * 1024 * 1024;
    const staged = await new Promise((resolve, reject) => {
      let seen = false;
      const parser = busboy({ headers: req.headers, limits: { files: 1, fields: 10, fileSize: limitBytes, parts: 12 } });
      parser.on('file', (field: string, file: Readable, info: { filename: string }) => {
        if (field !== 'file' || seen) {
          file.resume();
          return;
        }
        seen = true;
        file.on('limit', () => file.destroy(ImportErrors.tooLarge(this.config.imports.maxFileMb)));
        this.staging
          .stage(user, { projectId: projectId ?? '', format: format ?? '', profileId, fileName: info.filename ?? 'upload' }, file)
          .then(resolve, (error: unknown) => {
            file.resume(); // refused before reading (no such project …): drain the upload so the answer goes out
            reject(error);
          });
      });
      parser.on('error', (error: Error) => reject(error instanceof AppError ? error : ImportErrors.notMultipart()));
      parser.on('close', () => {
        if (!seen) reject(ImportErrors.noFile());
      });
      req.pipe(parser);
    });
    res.status(201).json(staged);
  }
}
