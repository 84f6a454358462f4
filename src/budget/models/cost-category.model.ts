import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('CostCategory', { description: "Ausgabeposition: a cost category of a programme's financing plans (A, B1 … E)." })
export class CostCategoryModel {
  @Field(() => ID)
  id: string;

  @Field(() => String, { description: 'Position as the grant decision numbers it, e.g. "A", "B1".' })
  code: string;

  @Field(() => String, { description: 'German name as in the financing plan, e.g. "Personalausgaben".' })
  name: string;

  @Field(() => Int)
  sortOrder: number;
}
