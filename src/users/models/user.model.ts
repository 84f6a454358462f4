import { Field, ID, ObjectType } from '@nestjs/graphql';

import { Role } from '../../auth/role.enum.js';
import { Connection } from '../../common/pagination/connection.js';

@ObjectType('RoleAssignment', { description: 'A role a user holds on a project, a programme, or (ADMIN, both ids null) globally.' })
export class RoleAssignmentModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  userId: string;

  @Field(() => Role)
  role: Role;

  @Field(() => ID, { nullable: true })
  projectId: string | null;

  @Field(() => ID, { nullable: true })
  programId: string | null;

  @Field({ description: 'Waiting for a second administrator (confirmRoleGrant); confers nothing until then.' })
  pending: boolean;
}

@ObjectType('User')
export class UserModel {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  username: string;

  @Field(() => String)
  displayName: string;

  @Field(() => Boolean)
  active: boolean;

  @Field(() => Boolean, { description: 'Signs in through the OpenID Connect provider.' })
  external: boolean;

  @Field(() => [RoleAssignmentModel], { description: 'The roles you administer of this user (all of them for a global administrator).' })
  roles: RoleAssignmentModel[];
}

@ObjectType()
export class UserConnection extends Connection(UserModel, 'User') {}
