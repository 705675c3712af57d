import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { GatewayContext } from '../graphql/gateway-context';
import { ApplicationModel } from '../graphql/models/application.model';
import { DeploymentModel } from '../graphql/models/deployment.model';
import { RolloutModel } from '../graphql/models/rollout.model';
import { PlannedDeploymentModel } from '../graphql/models/schedule-plan.model';
import { TargetModel } from '../graphql/models/target.model';

/** Links of deployments (planned or real) to their application, target and rollout, batched per request. */
@Resolver(() => DeploymentModel)
export class DeploymentsResolver {
  @ResolveField(() => ApplicationModel)
  async application(@Parent() deployment: DeploymentModel, @Context() context: GatewayContext): Promise<ApplicationModel> {
    return ApplicationModel.from((await context.loaders.application.load(deployment.applicationId))!);
  }

  @ResolveField(() => TargetModel)
  async target(@Parent() deployment: DeploymentModel, @Context() context: GatewayContext): Promise<TargetModel> {
    return TargetModel.from((await context.loaders.target.load(deployment.targetId))!);
  }

  @ResolveField(() => RolloutModel)
  async rollout(@Parent() deployment: DeploymentModel, @Context() context: GatewayContext): Promise<RolloutModel> {
    return RolloutModel.from((await context.rollouts.rollout.load(deployment.rolloutId))!);
  }
}

@Resolver(() => PlannedDeploymentModel)
export class PlannedDeploymentsResolver {
  @ResolveField(() => ApplicationModel)
  async application(@Parent() planned: PlannedDeploymentModel, @Context() context: GatewayContext): Promise<ApplicationModel> {
    return ApplicationModel.from((await context.loaders.application.load(planned.applicationId))!);
  }

  @ResolveField(() => TargetModel)
  async target(@Parent() planned: PlannedDeploymentModel, @Context() context: GatewayContext): Promise<TargetModel> {
    return TargetModel.from((await context.loaders.target.load(planned.targetId))!);
  }
}
