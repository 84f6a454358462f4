import { Field, ID, ObjectType } from '@nestjs/graphql';

import { Role } from '../role.enum.js';

@ObjectType('RoleGrant', { description: 'A role held on a project, on a programme, or globally (both ids null).' })
export class RoleGrantModel {
  @Field(() => Role)
  role: Role;

  @Field(() => ID, { nullable: true })
  projectId?: string;

  @Field(() => ID, { nullable: true })
  programId?: string;
}

@ObjectType('Me')
export class MeModel {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  username: string;

  @Field(() => [RoleGrantModel])
  grants: RoleGrantModel[];
}

@ObjectType('Session')
export class SessionModel {
  @Field(() => String, { description: 'Send as "Authorization: Bearer <token>".' })
  token: string;

  @Field(() => Date)
  expiresAt: Date;

  @Field(() => MeModel)
  user: MeModel;
}
