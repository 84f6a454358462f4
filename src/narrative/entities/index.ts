import { NarrativeSectionVersion } from './narrative-section-version.entity.js';

/** The Sachbericht's entities, for the registry in src/database/entities.ts. */
export const NARRATIVE_ENTITIES = [NarrativeSectionVersion];
