import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';

import { Entity, Enum, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Decimal } from 'decimal.js';

import { PercentType } from '../../common/money/decimal.type.js';
import { FinancingType } from '../programs.enums.js';

/** Förderprogramm: a federal programme and the grant-law rules it sets for its projects, as data. */
@Entity({ tableName: 'funding_program' })
export class FundingProgram {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 40 })
  @Unique()
  code: string;

  @Property({ type: 'text' })
  name: string;

  @Property({ type: 'text' })
  legalBasis: string;

  @Property({ type: 'text' })
  grantor: string;

  /** ANBest-P 1.4: drawn funds must be spent within this many days of payout. */
  @Property({ type: 'integer' })
  drawdownHorizonDays: number;

  /** ANBest-P 1.2: one cost line may exceed its plan by this percent if others save the same. */
  @Property({ type: PercentType })
  lineOverrunPercent: Decimal;

  /** Interim proof for a fiscal year is due on this month/day of the following year. */
  @Property({ type: 'smallint' })
  interimProofDueMonth: number;

  @Property({ type: 'smallint' })
  interimProofDueDay: number;

  /** Final proof of use is due this many months after the approval period ends. */
  @Property({ type: 'smallint' })
  finalProofDueMonths: number;

  @Enum({ items: () => FinancingType, array: true })
  allowedFinancingTypes: FinancingType[];

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
