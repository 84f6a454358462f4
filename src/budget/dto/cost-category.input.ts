import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

@InputType({ description: 'A cost category (Ausgabeposition) a programme adds to the standard ones.' })
export class CreateCostCategoryInput {
  @Field(() => ID)
  @IsUUID()
  programId: string;

  @Field(() => String, { description: 'Position code, e.g. "B8": a capital letter, then up to 9 capitals or digits.' })
  @IsString()
  @Matches(/^[A-Z][A-Z0-9]{0,9}$/, { message: 'code must be a capital letter followed by up to 9 capitals or digits' })
  code: string;

  @Field(() => String)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @Field(() => Int, { nullable: true, description: 'Position in plans and reports; default after the last one.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(999)
  sortOrder?: number;
}
