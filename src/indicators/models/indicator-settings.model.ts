import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('IndicatorSettings', { description: "A programme's indicator settings." })
export class IndicatorSettingsModel {
  @Field(() => ID)
  programId: string;

  @Field(() => Int, {
    description:
      "The programme's one small-cell threshold (kept in its participant rules): cells with fewer persons are withheld from analysts.",
  })
  minCellSize: number;
}
