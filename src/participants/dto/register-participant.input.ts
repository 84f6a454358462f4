import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateScalar } from '../../common/dates/local-date.scalar.js';
import { EducationLevel, Gender, LabourStatusAtEntry, Track } from '../participants.enums.js';

@InputType()
export class ParticipantIdentityInput {
  @Field(() => String)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  firstName: string;

  @Field(() => String)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  lastName: string;

  @Field(() => LocalDateScalar)
  dateOfBirth: LocalDate;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  address?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Sozialversicherungsnummer: 2 digits, 6 digits birth date, a letter, 3 digits (blanks allowed).',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\s*\d{2}\s*\d{6}\s*[A-Za-z]\s*\d{3}\s*$/, { message: 'socialInsuranceNumber must look like "12 150385 M 123"' })
  socialInsuranceNumber?: string | null;

  @Field(() => String, { nullable: true, description: 'Nummer der Bedarfsgemeinschaft.' })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  benefitUnitNumber?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9 ()/-]{5,30}$/, { message: 'phone must be a phone number' })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  email?: string | null;
}

@InputType()
export class ParticipantHealthInput {
  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  hasDisability?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'Grad der Behinderung, 20–100 in steps of 10.' })
  @IsOptional()
  @IsInt()
  @Min(20)
  @Max(100)
  disabilityDegree?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  healthRestrictions?: string | null;
}

@InputType({ description: 'Entry data (due within 28 days of entry by default).' })
export class EntryDataInput {
  @Field(() => LabourStatusAtEntry, { nullable: true })
  @IsOptional()
  @IsEnum(LabourStatusAtEntry)
  labourStatusAtEntry?: LabourStatusAtEntry | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(600)
  monthsOnBenefits?: number | null;

  @Field(() => EducationLevel, { nullable: true })
  @IsOptional()
  @IsEnum(EducationLevel)
  educationLevel?: EducationLevel | null;

  @Field(() => LocalDateScalar, { nullable: true })
  monitoringConsentOn?: LocalDate | null;

  @Field(() => LocalDateScalar, { nullable: true })
  evaluationConsentOn?: LocalDate | null;
}

@InputType()
export class EligibilityOverrideInput {
  @Field(() => String, { description: 'Why the person takes part although rules fail; at least 20 characters. No health details here.' })
  @IsString()
  @MinLength(20, { message: 'justification must be a written justification of at least 20 characters' })
  @MaxLength(2000)
  justification: string;
}

/** Identity and health together, as registration and correction both send them. */
@InputType({ description: 'The complete identity and health data; on correction it replaces what is stored (health omitted: none).' })
export class UpdateIdentityInput {
  @Field(() => ParticipantIdentityInput)
  @ValidateNested()
  @Type(() => ParticipantIdentityInput)
  identity: ParticipantIdentityInput;

  @Field(() => ParticipantHealthInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ParticipantHealthInput)
  health?: ParticipantHealthInput;
}

@InputType()
export class RegisterParticipantInput extends UpdateIdentityInput {
  @Field(() => ID)
  @IsUUID()
  projectId: string;

  @Field(() => Gender)
  @IsEnum(Gender)
  gender: Gender;

  @Field(() => LocalDateScalar)
  entryDate: LocalDate;

  @Field(() => Track)
  @IsEnum(Track)
  track: Track;

  @Field(() => Boolean)
  @IsBoolean()
  livesAlone: boolean;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(20)
  childrenInHousehold: number;

  @Field(() => Boolean)
  @IsBoolean()
  receivesSgb2Benefits: boolean;

  @Field(() => EntryDataInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => EntryDataInput)
  entryData?: EntryDataInput;

  @Field(() => EligibilityOverrideInput, {
    nullable: true,
    description: "Only a case worker's written justification lets an ineligible person in.",
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => EligibilityOverrideInput)
  eligibilityOverride?: EligibilityOverrideInput;
}
