import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ApplicationsService } from '@hydrator/registry';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { Caller } from '../auth/token-authority';
import type { DirectFields } from '../graphql/direct-field-resolvers';
import type { GatewayContext } from '../graphql/gateway-context';
import { ApplicationModel, RegisterApplicationInput, UpdateApplicationInput } from '../graphql/models/application.model';
import { FreezeScope } from '../graphql/models/freeze.model';
import { TargetInput, TargetModel } from '../graphql/models/target.model';

/** Registering and editing applications, their targets and dependencies. */
/** Asked for once per deployment of a rollout's page: the schema calls these directly (see resolveDirectly). */
export const applicationFields = {
  dependsOn: async (application: ApplicationModel, context: GatewayContext): Promise<ApplicationModel[]> =>
    (await context.loaders.dependencies.load(application.id)).map((row) => ApplicationModel.from(row)),
} satisfies DirectFields<ApplicationModel>;

@Resolver(() => ApplicationModel)
export class ApplicationsResolver {
  constructor(private readonly registry: ApplicationsService) {}

  @Query(() => [ApplicationModel], { description: 'Every registered application, by name.' })
  async applications(): Promise<ApplicationModel[]> {
    return (await this.registry.list()).map((row) => ApplicationModel.from(row));
  }

  @Query(() => ApplicationModel, { nullable: true })
  async application(@Args('name') name: string): Promise<ApplicationModel | null> {
    const application = await this.registry.findByName(name);
    return application && ApplicationModel.from(application);
  }

  @Mutation(() => ApplicationModel)
  async registerApplication(@CurrentCaller() caller: Caller, @Args('input') input: RegisterApplicationInput): Promise<ApplicationModel> {
    return ApplicationModel.from(await this.registry.register(caller, input));
  }

  @Mutation(() => ApplicationModel)
  async updateApplication(@CurrentCaller() caller: Caller, @Args('name') name: string, @Args('input') input: UpdateApplicationInput): Promise<ApplicationModel> {
    return ApplicationModel.from(await this.registry.update(caller, name, withoutNulls(input)));
  }

  @Mutation(() => TargetModel)
  async addTarget(@CurrentCaller() caller: Caller, @Args('application') application: string, @Args('input') input: TargetInput): Promise<TargetModel> {
    return TargetModel.from(await this.registry.addTarget(caller, application, input));
  }

  @Mutation(() => ApplicationModel, { description: 'Refused for the last target of a role, or a target with deployments in its history.' })
  async removeTarget(@CurrentCaller() caller: Caller, @Args('id') id: string): Promise<ApplicationModel> {
    return ApplicationModel.from(await this.registry.removeTarget(caller, id));
  }

  @Mutation(() => ApplicationModel, { description: '`application` deploys after `dependsOn`; refused, naming the cycle, if it would close one.' })
  async addDependency(@CurrentCaller() caller: Caller, @Args('application') application: string, @Args('dependsOn') dependsOn: string): Promise<ApplicationModel> {
    return ApplicationModel.from(await this.registry.addDependency(caller, application, dependsOn));
  }

  @Mutation(() => ApplicationModel)
  async removeDependency(@CurrentCaller() caller: Caller, @Args('application') application: string, @Args('dependsOn') dependsOn: string): Promise<ApplicationModel> {
    return ApplicationModel.from(await this.registry.removeDependency(caller, application, dependsOn));
  }

  @ResolveField(() => [TargetModel])
  async targets(@Parent() application: ApplicationModel, @Context() context: GatewayContext): Promise<TargetModel[]> {
    return (await context.loaders.targets.load(application.id)).map((row) => TargetModel.from(row));
  }

  @ResolveField(() => [ApplicationModel], { description: 'Applications this one deploys after.' })
  dependsOn(@Parent() application: ApplicationModel, @Context() context: GatewayContext): Promise<ApplicationModel[]> {
    return applicationFields.dependsOn(application, context);
  }

  @ResolveField(() => [ApplicationModel], { description: 'Applications that deploy after this one.' })
  async dependents(@Parent() application: ApplicationModel, @Context() context: GatewayContext): Promise<ApplicationModel[]> {
    return (await context.loaders.dependents.load(application.id)).map((row) => ApplicationModel.from(row));
  }

  @ResolveField(() => Boolean, { description: "Frozen by its own freeze or the whole fleet's." })
  async frozen(@Parent() application: ApplicationModel, @Context() context: GatewayContext): Promise<boolean> {
    return (await context.loaders.activeFreeze.load(application.id)) !== null;
  }

  @ResolveField(() => String, { nullable: true })
  async frozenReason(@Parent() application: ApplicationModel, @Context() context: GatewayContext): Promise<string | null> {
    return (await context.loaders.activeFreeze.load(application.id))?.reason ?? null;
  }

  @ResolveField(() => Date, { nullable: true, description: 'When the freeze lifts by itself; null when frozen until thawed.' })
  async frozenUntil(@Parent() application: ApplicationModel, @Context() context: GatewayContext): Promise<Date | null> {
    return (await context.loaders.activeFreeze.load(application.id))?.until ?? null;
  }

  @ResolveField(() => FreezeScope, {
    nullable: true,
    description:
      "Which freeze holds it now: APPLICATION (its own) or FLEET (the whole fleet's, see fleetFreeze); null when not frozen. Under both, APPLICATION: its own freeze is the one in force, and frozenReason and frozenUntil are that freeze's.",
  })
  async freezeScope(@Parent() application: ApplicationModel, @Context() context: GatewayContext): Promise<FreezeScope | null> {
    const freeze = await context.loaders.activeFreeze.load(application.id);
    return freeze && (freeze.fleetWide ? FreezeScope.FLEET : FreezeScope.APPLICATION);
  }
}

/** GraphQL sends null for "not given"; the service wants undefined for "leave unchanged". */
function withoutNulls<T extends object>(input: T): { [K in keyof T]?: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== null && value !== undefined)) as never;
}
