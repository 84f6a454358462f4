import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsEnum,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  Min,
  validateSync,
  ValidateNested,
} from 'class-validator';

import { flattenValidationErrors } from '../../common/errors/validation.js';

import { ImportFormat, MappingAction } from '../imports.enums.js';
import { ENCODINGS } from '../parsing/decode.js';
import { DATE_FORMATS } from '../parsing/values.js';

@InputType({ description: 'Which header of the CSV file holds which field; only amount is required.' })
export class ProfileColumnsInput {
  @Field(() => String, { nullable: true, description: 'Header of the amount column (required; positive = spending).' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  amount?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  receiptNumber?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  invoiceDate?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  paymentDate?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  payee?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  purpose?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  account?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  contraAccount?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  costCentre?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  costCentre2?: string;

  @Field(() => String, {
    nullable: true,
    description: "Header of the source's own booking id: keeps the source key stable across overlapping exports.",
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  sourceId?: string;
}

@InputType()
export class CreateImportProfileInput {
  @Field(() => ID)
  @IsUUID()
  projectId: string;

  @Field(() => String, { description: 'Unique per project, e.g. "Infoma newsystem Kämmerei".' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @Field(() => String, { description: 'One character: ";", ",", "|" or a tab.' })
  @IsIn([';', ',', '|', '\t'])
  delimiter: string;

  @Field(() => String, { description: `One of ${ENCODINGS.join(', ')}.` })
  @IsIn([...ENCODINGS])
  encoding: string;

  @Field(() => String, { description: '"," (German) or ".".' })
  @IsIn([',', '.'])
  decimalSeparator: string;

  @Field(() => String, { nullable: true, description: '"." , "," , " " or none (default).' })
  @IsOptional()
  @IsIn(['.', ',', ' ', ''])
  thousandsSeparator?: string;

  @Field(() => String, { description: `One of ${DATE_FORMATS.join(', ')}.` })
  @IsIn([...DATE_FORMATS])
  dateFormat: string;

  @Field(() => ProfileColumnsInput)
  @ValidateNested()
  @Type(() => ProfileColumnsInput)
  columns: ProfileColumnsInput;
}

@InputType({
  description:
    'Conditions (all given ones must hold; none = every row) and the action. Account and cost-centre patterns are exact or a prefix ending in "*".',
})
export class MappingRuleInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  description?: string;

  @Field(() => ImportFormat, { nullable: true })
  @IsOptional()
  @IsEnum(ImportFormat)
  format?: ImportFormat;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  account?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  contraAccount?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  costCentre?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Case-insensitive text in the booking text, remittance information or counterparty.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  textContains?: string;

  @Field(() => MappingAction)
  @IsEnum(MappingAction)
  action: MappingAction;

  @Field(() => String, { nullable: true, description: 'For BOOK: the cost category code (A, B1 …).' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  costCategoryCode?: string;

  @Field(() => ID, { nullable: true, description: 'For BOOK: the measure the spending belongs to.' })
  @IsOptional()
  @IsUUID()
  measureId?: string;
}

@InputType()
export class SetMappingRulesInput {
  @Field(() => ID)
  @IsUUID()
  projectId: string;

  @Field(() => Int, {
    nullable: true,
    description: 'The version this change is based on (0 or absent for the first set); a newer one is a CONFLICT.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  baseVersion?: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;

  // Each rule is validated by the service (validateRuleInputs): the global pipe leaves list items
  // as they come, and GraphQL literals arrive as null-prototype objects ValidateNested refuses.
  @Field(() => [MappingRuleInput], { description: 'Tried in order; the first match wins.' })
  @ArrayMaxSize(500)
  rules: MappingRuleInput[];
}

/** class-validator on every rule of a set, as the pipe does for top-level inputs: field `rules.<i>.<name>`. */
export function validateRuleInputs(rules: readonly MappingRuleInput[]): { field: string; message: string }[] {
  return rules.flatMap((rule, i) =>
    flattenValidationErrors(
      validateSync(Object.assign(Object.create(MappingRuleInput.prototype) as MappingRuleInput, rule), { forbidUnknownValues: false }),
      `rules.${i}`,
    ),
  );
}
