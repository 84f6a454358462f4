import { Field, ID, ObjectType } from '@nestjs/graphql';

import { ActualSource, Disaggregation, IndicatorKind, IndicatorUnit } from '../indicators.enums.js';

@ObjectType('IndicatorDefinition', { description: "Indikator: one entry of a programme's indicator catalogue." })
export class IndicatorDefinitionModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  programId: string;

  @Field(() => String, { description: 'ESF Plus code (EECO02 …) or programme code (PS01 …).' })
  code: string;

  @Field(() => String)
  name: string;

  @Field(() => IndicatorUnit)
  unit: IndicatorUnit;

  @Field(() => IndicatorKind)
  kind: IndicatorKind;

  @Field(() => ActualSource)
  source: ActualSource;

  @Field(() => String, { nullable: true, description: 'The counting rule of a COMPUTED indicator (numerator for PERCENT).' })
  rule: string | null;

  @Field(() => String, { nullable: true, description: 'The counting rule of the denominator of a PERCENT indicator.' })
  denominatorRule: string | null;

  @Field(() => Boolean, { description: 'Whether actuals add up over periods (otherwise a level at the period end).' })
  cumulative: boolean;

  @Field(() => [Disaggregation])
  disaggregations: Disaggregation[];

  @Field(() => String, { description: 'Datenquelle as printed in the report.' })
  dataSource: string;
}
