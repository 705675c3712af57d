import { Field, ObjectType, Query, registerEnumType, Resolver } from '@nestjs/graphql';
import { CurrentCaller } from './current-caller.decorator';
import { Caller, Role } from './token-authority';

registerEnumType(Role, { name: 'Role', description: 'viewer: queries and subscriptions; operator: also every mutation.' });

@ObjectType('Caller', { description: 'Who the bearer token belongs to, as the audit log records it.' })
export class CallerModel {
  @Field(() => String) actor!: string;
  @Field(() => Role) role!: Role;
}

/** `me`: lets a client check a token and learn what it may do (the dashboard's sign-in). */
@Resolver(() => CallerModel)
export class CallerResolver {
  @Query(() => CallerModel, { description: 'The caller behind the bearer token: its actor name and role.' })
  me(@CurrentCaller() caller: Caller): CallerModel {
    return { actor: caller.name, role: caller.role };
  }
}
