import { randomUUID } from 'node:crypto';

import type { Opt, Ref } from '@mikro-orm/core';
import { Check, Entity, OneToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

import { FundingProgram } from '../../programs/entities/funding-program.entity.js';
import type { EligibilityRule } from '../eligibility.js';

/** Used until a programme sets its participant rules. */
export const DEFAULT_MIN_CELL_SIZE = 5;

/**
 * A programme's participant rules, as data (docs/domain.md#lifecycles and docs/domain.md#participants-and-data-protection): eligibility, retention, the
 * deadlines for entry and exit data, and the smallest cell shown in aggregates. Kept apart from
 * FundingProgram so the programme module stays the programme module's.
 */
@Entity({ tableName: 'participant_rules' })
@Check({
  name: 'participant_rules_numbers_check',
  expression: 'retention_months_after_exit >= 13 and entry_data_due_days >= 0 and exit_data_due_days >= 0 and min_cell_size >= 1',
})
export class ParticipantRules {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @OneToOne(() => FundingProgram, { ref: true, owner: true, unique: true })
  program: Ref<FundingProgram>;

  @Property({ type: 'json' })
  eligibility: EligibilityRule[];

  /** Identity and health are kept this many months after exit (or after the project ends for those still in). */
  @Property({ type: 'integer' })
  retentionMonthsAfterExit: number;

  @Property({ type: 'integer' })
  entryDataDueDays: Opt<number> = 28;

  @Property({ type: 'integer' })
  exitDataDueDays: Opt<number> = 28;

  /**
   * The programme's one small-cell threshold: participant statistics, the indicator report and the
   * proofs' participant tables withhold cells with fewer persons than this (docs: data protection).
   */
  @Property({ type: 'integer' })
  minCellSize: Opt<number> = DEFAULT_MIN_CELL_SIZE;

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
