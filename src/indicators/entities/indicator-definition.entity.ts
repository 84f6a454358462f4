import { randomUUID } from 'node:crypto';

import type { Opt, Ref } from '@mikro-orm/core';
import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';

import { FundingProgram } from '../../programs/entities/funding-program.entity.js';
import { ActualSource, Disaggregation, IndicatorKind, IndicatorUnit } from '../indicators.enums.js';

/**
 * Indikator: one entry of a programme's indicator catalogue (docs/domain.md#outcome-indicators). Programme-owned, not
 * project-owned: every project of the programme reports against the same catalogue.
 */
@Entity({ tableName: 'indicator_definition' })
@Unique({ properties: ['program', 'code'] })
@Check({ name: 'indicator_definition_rule_check', expression: "(source = 'COMPUTED') = (rule is not null)" })
export class IndicatorDefinition {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => FundingProgram, { ref: true })
  @Index()
  program: Ref<FundingProgram>;

  /** ESF Plus codes where one exists (EECO02, EECR04 …), programme codes otherwise. */
  @Property({ type: 'string', length: 20 })
  code: string;

  @Property({ type: 'text' })
  name: string;

  @Enum({ items: () => IndicatorUnit })
  unit: IndicatorUnit;

  @Enum({ items: () => IndicatorKind })
  kind: IndicatorKind;

  @Enum({ items: () => ActualSource })
  source: ActualSource;

  /** Name of the counting rule (counting-rules.ts) for COMPUTED indicators; for PERCENT the numerator. */
  @Property({ type: 'string', length: 60, nullable: true })
  rule?: string | null;

  /** For PERCENT indicators: the rule counting the denominator. */
  @Property({ type: 'string', length: 60, nullable: true })
  denominatorRule?: string | null;

  /** Cumulative indicators add up over periods; others are a level at the period's end. */
  @Property({ type: 'boolean' })
  cumulative: boolean;

  @Enum({ items: () => Disaggregation, array: true })
  disaggregations: Disaggregation[];

  /** Where the figures come from, as printed in the report (Datenquelle). */
  @Property({ type: 'text' })
  dataSource: string;

  @Property({ type: 'smallint' })
  sortOrder: number;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
