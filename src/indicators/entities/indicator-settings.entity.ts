import { randomUUID } from 'node:crypto';

import type { Opt, Ref } from '@mikro-orm/core';
import { Check, Entity, OneToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

import { FundingProgram } from '../../programs/entities/funding-program.entity.js';

export const DEFAULT_SPECIAL_CATEGORY_MIN_CELL_SIZE = 10;

/**
 * A programme's indicator settings, as data. Kept here rather than on FundingProgram so the
 * programme table stays the programme module's. A programme without a row uses the defaults. The
 * ordinary small-cell threshold is not here: it is one of the participant rules, the one source
 * for every aggregate of participants.
 */
@Entity({ tableName: 'indicator_settings' })
@Check({ name: 'indicator_settings_special_cell_check', expression: 'special_category_min_cell_size >= 1' })
export class IndicatorSettings {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @OneToOne(() => FundingProgram, { ref: true, owner: true, unique: true })
  program: Ref<FundingProgram>;

  /** Special-category indicators (disability) need at least this many persons, for every reader (docs/domain.md#participants-and-data-protection). */
  @Property({ type: 'integer', default: DEFAULT_SPECIAL_CATEGORY_MIN_CELL_SIZE })
  specialCategoryMinCellSize: Opt<number> = DEFAULT_SPECIAL_CATEGORY_MIN_CELL_SIZE;

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
