import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';

import { Allow } from '../auth/allow.decorator.js';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { Role } from '../auth/role.enum.js';
import { PaginationArgs } from '../common/pagination/pagination.args.js';
import { CreateUserInput, GrantRoleInput } from './dto/user.inputs.js';
import { RoleAssignmentModel, UserConnection, UserModel } from './models/user.model.js';
import { UsersService } from './users.service.js';
import { USER_ADMINS } from './users.access.js';

@Resolver(() => UserModel)
export class UsersResolver {
  constructor(private readonly service: UsersService) {}

  @Allow(...USER_ADMINS)
  @Query(() => UserConnection, {
    description: 'Users holding roles on what you administer (everyone for a global administrator), by username.',
  })
  users(@CurrentUser() user: AuthUser, @Args() args: PaginationArgs) {
    return this.service.list(user, args);
  }

  @Allow(...USER_ADMINS)
  @Mutation(() => UserModel, { description: 'Creates an account without roles; grant them with grantRole.' })
  createUser(@Args('input') input: CreateUserInput) {
    return this.service.create(input);
  }

  @Allow(...USER_ADMINS)
  @Mutation(() => RoleAssignmentModel, {
    description:
      'Grants a role to someone else (never to yourself). A role that reads identity (CASE_WORKER) stays pending until a second administrator confirms it.',
  })
  grantRole(@CurrentUser() user: AuthUser, @Args('input') input: GrantRoleInput) {
    return this.service.grant(user, input);
  }

  @Allow(...USER_ADMINS)
  @Mutation(() => RoleAssignmentModel, {
    description: 'Confirms a pending grant (four eyes): by an administrator of its scope who neither made it nor receives it.',
  })
  confirmRoleGrant(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string) {
    return this.service.confirm(user, id);
  }

  @Allow(...USER_ADMINS)
  @Mutation(() => RoleAssignmentModel, { description: 'Removes a role assignment; takes effect with the next request of that user.' })
  revokeRole(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string) {
    return this.service.revoke(user, id);
  }

  @Allow(...USER_ADMINS)
  @Mutation(() => UserModel, {
    description:
      'Disables an account (global administrators): its next request is refused, its tokens stop working; data and audit history stay.',
  })
  deactivateUser(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string) {
    return this.service.setActive(user, id, false);
  }

  @Allow(...USER_ADMINS)
  @Mutation(() => UserModel, { description: 'Enables a deactivated account again (global administrators), with the roles it held.' })
  reactivateUser(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string) {
    return this.service.setActive(user, id, true);
  }
}
