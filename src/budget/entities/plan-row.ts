import { randomUUID } from 'node:crypto';

import type { Ref } from '@mikro-orm/core';
import { ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

import { Project } from '../../programs/entities/project.entity.js';
import { BudgetRevision } from './budget-revision.entity.js';

/** What every row of a plan revision has: its project, its revision and its fiscal year. */
export abstract class PlanRow {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Indexed by the unique key, whose leading column it is. */
  @ManyToOne(() => Project, { ref: true })
  project: Ref<Project>;

  @ManyToOne(() => BudgetRevision, { ref: true })
  revision: Ref<BudgetRevision>;

  @Property({ type: 'smallint' })
  fiscalYear: number;
}
