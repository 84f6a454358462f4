import { randomUUID } from 'node:crypto';

import type { Ref } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';

import { FundingProgram } from '../../programs/entities/funding-program.entity.js';

/** Ausgabeposition: a cost category of a programme's financing plans (A, B1 … E). Programme data, not project data. */
@Entity({ tableName: 'cost_category' })
@Unique({ properties: ['program', 'code'] })
export class CostCategory {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => FundingProgram, { ref: true })
  program: Ref<FundingProgram>;

  /** Position as the grant decision numbers it, e.g. "A", "B1". */
  @Property({ type: 'string', length: 10 })
  code: string;

  @Property({ type: 'text' })
  name: string;

  /** Order in which plans and reports list the categories. */
  @Property({ type: 'smallint' })
  sortOrder: number;
}
