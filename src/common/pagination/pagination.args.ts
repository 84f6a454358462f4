import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** Upper bound checked here; the configured maximum (GRAPHQL_MAX_PAGE_SIZE) is applied by `paginate`. */
@ArgsType()
export class PaginationArgs {
  @Field(() => Int, { defaultValue: 20, description: 'Page size, at most the configured maximum (default 100).' })
  @IsInt()
  @Min(1)
  @Max(10_000)
  first = 20;

  @Field(() => String, { nullable: true, description: 'The `endCursor` of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  after?: string;
}
