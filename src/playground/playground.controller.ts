import { createReadStream } from 'node:fs';

import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import type { Response } from 'express';

import { Public } from '../auth/allow.decorator.js';
import { PLAYGROUND_ASSETS } from './playground.assets.js';

@Public()
@Controller('playground')
export class PlaygroundController {
  @Get('assets/:name')
  asset(@Param('name') name: string, @Res() res: Response): void {
    const asset = Object.hasOwn(PLAYGROUND_ASSETS, name) ? PLAYGROUND_ASSETS[name] : undefined;
    if (!asset) throw new NotFoundException();
    res.setHeader('Content-Type', `${asset.type}; charset=utf-8`);
    res.setHeader('Cache-Control', 'public, max-age=86400');
    createReadStream(asset.file).pipe(res);
  }
}
