import { Module } from '@nestjs/common';

import { NarrativeResolver } from './narrative.resolver.js';
import { NarrativeService } from './narrative.service.js';

/** The Sachbericht: versioned Markdown sections per proof, frozen with it; its PDF and DOCX renderers (render/). */
@Module({ providers: [NarrativeService, NarrativeResolver] })
export class NarrativeModule {}
