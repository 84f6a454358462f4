import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('IndicatorSettings', { description: 'A programme\'s indicator settings.' })
export class IndicatorSettingsModel {
  @Field(() => ID)
  programId: string;

  @Field(() => Int, { description: 'Cells with fewer persons are suppressed for analysts.' })
  minCellSize: number;
}
