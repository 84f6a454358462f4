import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';

import { Role } from '../../auth/role.enum.js';
import { MIN_PASSWORD_LENGTH } from '../user-accounts.js';

@InputType()
export class CreateUserInput {
  @Field(() => String, { description: 'Sign-in name; stored in lower case.' })
  @IsString()
  @Matches(/^[a-zA-Z0-9._@-]{3,100}$/, { message: 'use 3 to 100 letters, digits or . _ @ -' })
  username: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  displayName?: string;

  @Field(() => String, {
    nullable: true,
    description: `At least ${MIN_PASSWORD_LENGTH} characters; omit for a user who signs in through OpenID Connect only.`,
  })
  @IsOptional()
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxLength(200)
  password?: string;
}

@InputType()
export class GrantRoleInput {
  @Field(() => ID)
  @IsUUID()
  userId: string;

  @Field(() => Role)
  @IsEnum(Role)
  role: Role;

  @Field(() => ID, { nullable: true, description: 'The project the role is held on.' })
  @IsOptional()
  @IsUUID()
  projectId?: string;

  @Field(() => ID, { nullable: true, description: 'The programme the role is held on (federal roles, programme administrators).' })
  @IsOptional()
  @IsUUID()
  programId?: string;
}
