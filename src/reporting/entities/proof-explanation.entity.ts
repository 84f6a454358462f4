import { randomUUID } from 'node:crypto';

import type { Opt, Ref } from '@mikro-orm/core';
import { Entity, Enum, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';

import { AppUser } from '../../auth/entities/app-user.entity.js';
import { CostCategory } from '../../budget/entities/cost-category.entity.js';
import { Project } from '../../programs/entities/project.entity.js';
import { ProofKind } from '../proof.enums.js';

/**
 * The finance officer's explanation of a deviating Soll-Ist line of one proof (fiscalYear 0 for the
 * final proof). Editable while the proof is not frozen; a submission freezes it inside the files.
 */
@Entity({ tableName: 'proof_explanation' })
@Unique({ properties: ['project', 'kind', 'fiscalYear', 'costCategory'] })
export class ProofExplanation {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Project, { ref: true })
  project: Ref<Project>;

  @Enum({ items: () => ProofKind })
  kind: ProofKind;

  @Property({ type: 'smallint' })
  fiscalYear: number;

  @ManyToOne(() => CostCategory, { ref: true })
  costCategory: Ref<CostCategory>;

  @Property({ type: 'text' })
  text: string;

  @ManyToOne(() => AppUser, { ref: true, nullable: true })
  author?: Ref<AppUser> | null;

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
