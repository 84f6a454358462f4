import { randomUUID } from 'node:crypto';

import type { Opt, Ref } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, OneToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';

import { AppUser } from '../../auth/entities/app-user.entity.js';
import { Project } from '../../programs/entities/project.entity.js';
import { ExpenditureStatus } from '../expenditures.enums.js';
import { Expenditure } from './expenditure.entity.js';

/**
 * The current status of one ledger row. Kept in its own small MUTABLE table so that the ledger
 * itself can stay append-only while the status moves on (recorded → checked → in a proof, or
 * rejected); every change is reported to the audit trail, which keeps the history.
 */
@Entity({ tableName: 'expenditure_state' })
@Index({ properties: ['project', 'status'] })
@Unique({ properties: ['project', 'expenditure'] })
export class ExpenditureState {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Project, { ref: true })
  project: Ref<Project>;

  @OneToOne(() => Expenditure, (e) => e.state, { owner: true, ref: true })
  expenditure: Ref<Expenditure>;

  @Enum({ items: () => ExpenditureStatus })
  status: ExpenditureStatus;

  @Property({ type: 'text', nullable: true })
  comment?: string | null;

  @ManyToOne(() => AppUser, { ref: true })
  changedBy: Ref<AppUser>;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  changedAt: Opt<Date> = new Date();
}
