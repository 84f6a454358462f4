import { randomUUID } from 'node:crypto';

import { Collection, type Opt, type Ref } from '@mikro-orm/core';
import { Check, Entity, Enum, Index, ManyToOne, OneToMany, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Decimal } from 'decimal.js';

import { AppUser } from '../../auth/entities/app-user.entity.js';
import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateType } from '../../common/dates/local-date.type.js';
import { MoneyType } from '../../common/money/decimal.type.js';
import { Project } from '../../programs/entities/project.entity.js';
import { DrawdownStatus } from '../drawdown-lifecycle.js';
import { DrawdownKind } from '../tranches.enums.js';
import { DrawdownLine } from './drawdown-line.entity.js';

/**
 * Mittelabruf: one tranche of the grant, or a negative tranche (repayment, reclaim). The stored
 * status is the decision state (planned … disbursed, repaid, settled); whether a paid-out tranche
 * is used, partly used or overdue is derived from the FIFO allocation when it is read.
 */
@Entity({ tableName: 'drawdown' })
@Unique({ properties: ['project', 'fiscalYear', 'number'] })
@Index({ properties: ['project', 'status'] })
@Check({
  name: 'drawdown_sign_check',
  expression: "(kind = 'TRANCHE' and amount > 0) or (kind <> 'TRANCHE' and amount < 0 and reason is not null)",
})
export class Drawdown {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Indexed by the unique key, whose leading column it is. */
  @ManyToOne(() => Project, { ref: true })
  project: Ref<Project>;

  /** The fiscal year whose instalment the tranche draws on (the year of the expected payout). */
  @Property({ type: 'smallint' })
  fiscalYear: number;

  /** Abruf-Nr.: running number within the project's fiscal year. */
  @Property({ type: 'integer' })
  number: number;

  @Enum({ items: () => DrawdownKind })
  kind: DrawdownKind;

  @Enum({ items: () => DrawdownStatus })
  status: DrawdownStatus;

  /** Sum of the lines; negative for repayments and reclaims. */
  @Property({ type: MoneyType })
  amount: Decimal;

  /** When the money is expected from the grantor; the horizon is counted from here. */
  @Property({ type: LocalDateType, nullable: true })
  expectedPayoutDate?: LocalDate | null;

  /** Bedarf bis: the last day of the payments this tranche is for (at most expected payout + horizon). */
  @Property({ type: LocalDateType, nullable: true })
  neededUntil?: LocalDate | null;

  /** The day the money moved: payout of a tranche, or the day a repayment or reclaim was paid. */
  @Property({ type: LocalDateType, nullable: true })
  payoutDate?: LocalDate | null;

  /** Why money goes back (required for repayments and reclaims). */
  @Property({ type: 'text', nullable: true })
  reason?: string | null;

  /** The tranche a repayment or reclaim refers to, when it refers to one. */
  @ManyToOne(() => Drawdown, { ref: true, nullable: true })
  relatesTo?: Ref<Drawdown> | null;

  @ManyToOne(() => AppUser, { ref: true })
  requestedBy: Ref<AppUser>;

  /** Who prepared it (planDrawdown or requestDrawdown): four eyes keep them from approving it too. */
  @ManyToOne(() => AppUser, { ref: true, nullable: true })
  plannedBy?: Ref<AppUser> | null;

  @Property({ type: 'datetime', nullable: true })
  requestedAt?: Date | null;

  @OneToMany(() => DrawdownLine, (line) => line.drawdown)
  lines = new Collection<DrawdownLine>(this);

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
