import { randomUUID } from 'node:crypto';

import type { Opt, Ref } from '@mikro-orm/core';
import { Check, Entity, Enum, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';

import { AppUser } from '../../auth/entities/app-user.entity.js';
import { CostCategory } from '../../budget/entities/cost-category.entity.js';
import { Project } from '../../programs/entities/project.entity.js';
import { ProofKind } from '../../reporting/proof.enums.js';
import { NarrativeSectionKind } from '../narrative.enums.js';

/**
 * One version of one section of a proof's Sachbericht (Markdown). APPEND-ONLY: saving a section
 * writes its next version; a trigger refuses UPDATE and DELETE, so every earlier text stays
 * readable. `slot` names the section (and the cost category of a deviation note) for the unique
 * key, so versions of one slot are numbered 1, 2, … without gaps even when two writers race.
 */
@Entity({
  tableName: 'narrative_section_version',
  triggers: [
    {
      name: 'narrative_append_only',
      timing: 'before',
      events: ['update', 'delete'],
      forEach: 'row',
      body: "raise exception 'Sachbericht versions are append-only: % is refused. Save a new version instead.', tg_op;",
    },
  ],
})
@Unique({ name: 'narrative_section_version_key', properties: ['project', 'proofKind', 'fiscalYear', 'slot', 'version'] })
@Check({ name: 'narrative_section_version_number_check', expression: 'version >= 1' })
export class NarrativeSectionVersion {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Indexed by the unique key, whose leading column it is. */
  @ManyToOne(() => Project, { ref: true })
  project: Ref<Project>;

  @Enum({ items: () => ProofKind })
  proofKind: ProofKind;

  /** The interim proof's fiscal year; 0 for the final proof (as in `proof`). */
  @Property({ type: 'smallint' })
  fiscalYear: number;

  @Enum({ items: () => NarrativeSectionKind })
  section: NarrativeSectionKind;

  /** For a deviation note: the cost category it explains. */
  @ManyToOne(() => CostCategory, { ref: true, nullable: true })
  costCategory?: Ref<CostCategory> | null;

  /** The section, or "DEVIATION_NOTE:<cost category id>". */
  @Property({ type: 'string', length: 80 })
  slot: string;

  @Property({ type: 'integer' })
  version: number;

  @Property({ type: 'text' })
  markdown: string;

  @ManyToOne(() => AppUser, { ref: true })
  author: Ref<AppUser>;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
