import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

import { ProofKind } from '../../reporting/proof.enums.js';
import { NarrativeSectionKind } from '../narrative.enums.js';

/** The longest text one section takes (about 15 pages). */
export const MAX_SECTION_LENGTH = 50_000;

@ArgsType()
export class SachberichtArgs {
  @Field(() => ID)
  @IsUUID()
  projectId: string;

  @Field(() => ProofKind)
  @IsEnum(ProofKind)
  kind: ProofKind;

  @Field(() => Int, { nullable: true, description: "The interim proof's fiscal year; leave out for the final proof." })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear?: number;
}

@ArgsType()
export class NarrativeHistoryArgs extends SachberichtArgs {
  @Field(() => NarrativeSectionKind)
  @IsEnum(NarrativeSectionKind)
  section: NarrativeSectionKind;

  @Field(() => ID, { nullable: true, description: 'For a deviation note: its cost category.' })
  @IsOptional()
  @IsUUID()
  costCategoryId?: string;
}

@InputType()
export class SaveNarrativeSectionInput {
  @Field(() => ID)
  @IsUUID()
  projectId: string;

  @Field(() => ProofKind)
  @IsEnum(ProofKind)
  kind: ProofKind;

  @Field(() => Int, { nullable: true, description: "The interim proof's fiscal year; leave out for the final proof." })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear?: number;

  @Field(() => NarrativeSectionKind)
  @IsEnum(NarrativeSectionKind)
  section: NarrativeSectionKind;

  @Field(() => ID, { nullable: true, description: 'Required for DEVIATION_NOTE: the cost category whose deviation it explains.' })
  @IsOptional()
  @IsUUID()
  costCategoryId?: string;

  @Field(() => Int, {
    description: 'The version this text is based on (0 for a section not yet written); a newer one saved meanwhile makes this a CONFLICT.',
  })
  @IsInt()
  @Min(0)
  baseVersion: number;

  @Field(() => String, {
    description: `Markdown (headings, paragraphs, lists, bold, italics, links); at most ${MAX_SECTION_LENGTH} characters.`,
  })
  @IsString()
  @MaxLength(MAX_SECTION_LENGTH)
  markdown: string;
}
