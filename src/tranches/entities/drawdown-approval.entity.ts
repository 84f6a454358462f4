import { randomUUID } from 'node:crypto';

import type { Opt, Ref } from '@mikro-orm/core';
import { Entity, Enum, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';

import { AppUser } from '../../auth/entities/app-user.entity.js';
import { Project } from '../../programs/entities/project.entity.js';
import { ApprovalDecision } from '../tranches.enums.js';
import { Drawdown } from './drawdown.entity.js';

/**
 * The four-eyes decision on a drawdown request: who decided, when, and why. One per drawdown; the
 * database refuses changes to it (trigger in the migration), so the record stays as decided.
 */
@Entity({
  tableName: 'drawdown_approval',
  triggers: [
    {
      name: 'drawdown_approval_append_only',
      timing: 'before',
      events: ['update', 'delete'],
      forEach: 'row',
      body: "raise exception 'Approval records are append-only: % is refused.', tg_op;",
    },
  ],
})
@Unique({ properties: ['project', 'drawdown'] })
export class DrawdownApproval {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Indexed by the unique key, whose leading column it is. */
  @ManyToOne(() => Project, { ref: true })
  project: Ref<Project>;

  @ManyToOne(() => Drawdown, { ref: true })
  drawdown: Ref<Drawdown>;

  @Enum({ items: () => ApprovalDecision })
  decision: ApprovalDecision;

  @ManyToOne(() => AppUser, { ref: true })
  decidedBy: Ref<AppUser>;

  @Property({ type: 'text', nullable: true })
  comment?: string | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  decidedAt: Opt<Date> = new Date();
}
