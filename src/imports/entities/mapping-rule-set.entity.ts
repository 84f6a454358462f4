import { randomUUID } from 'node:crypto';

import type { Opt, Ref } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';

import { AppUser } from '../../auth/entities/app-user.entity.js';
import { Project } from '../../programs/entities/project.entity.js';
import type { MappingRule } from '../mapping-rules.js';

/**
 * One version of a project's mapping rules (account, cost centre or text → cost category and
 * measure, or ignore). Versions are never changed: a new set is a new version, and every
 * imported receipt names the version that mapped it.
 */
@Entity({ tableName: 'mapping_rule_set' })
@Unique({ properties: ['project', 'version'] })
export class MappingRuleSet {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Project, { ref: true })
  project: Ref<Project>;

  @Property({ type: 'integer' })
  version: number;

  @Property({ type: 'json' })
  rules: MappingRule[];

  @Property({ type: 'text', nullable: true })
  note?: string | null;

  @ManyToOne(() => AppUser, { ref: true })
  createdBy: Ref<AppUser>;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
