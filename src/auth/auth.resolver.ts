import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';

import { MutationTransaction } from '../audit/mutation-transaction.js';
import { Allow, Public } from './allow.decorator.js';
import type { AuthUser } from './auth-user.js';
import { AuthService } from './auth.service.js';
import type { GraphQLContext } from '../common/graphql/graphql-context.js';
import { CurrentUser } from './current-user.decorator.js';
import { LoginInput } from './dto/login.input.js';
import { MeModel, SessionModel } from './models/session.model.js';
import { ALL_ROLES } from './role.enum.js';

@Resolver()
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @MutationTransaction({ auditOnly: true })
  @Mutation(() => SessionModel, { description: 'Sign in with username and password; returns a bearer token.' })
  login(@Args('input') input: LoginInput, @Context() ctx: GraphQLContext) {
    return this.auth.login(input.username, input.password, ctx.req.ip);
  }

  @Allow(...ALL_ROLES)
  @Query(() => MeModel, { description: 'The signed-in user and their roles.' })
  me(@CurrentUser() user: AuthUser) {
    return user;
  }
}
