import { Context, Float, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { DirectFields } from '../graphql/direct-field-resolvers';
import type { GatewayContext } from '../graphql/gateway-context';
import { ApplicationModel } from '../graphql/models/application.model';
import { DeploymentAttemptModel, DeploymentModel } from '../graphql/models/deployment.model';
import { RolloutModel } from '../graphql/models/rollout.model';
import { PlannedDeploymentModel } from '../graphql/models/schedule-plan.model';
import { TargetModel } from '../graphql/models/target.model';

/** A Deployment's links and progress, batched per request: the schema calls these directly (see resolveDirectly). */
export const deploymentFields = {
  application: async (deployment: DeploymentModel, context: GatewayContext): Promise<ApplicationModel> => ApplicationModel.from((await context.loaders.application.load(deployment.applicationId))!),
  target: async (deployment: DeploymentModel, context: GatewayContext): Promise<TargetModel> => TargetModel.from((await context.loaders.target.load(deployment.targetId))!),
  rollout: async (deployment: DeploymentModel, context: GatewayContext): Promise<RolloutModel> => RolloutModel.from((await context.rollouts.rollout.load(deployment.rolloutId))!),
  waitingFor: (deployment: DeploymentModel, context: GatewayContext): Promise<string | null> => context.progress.waitingFor(deployment.rolloutId, deployment.id),
  attempts: (deployment: DeploymentModel, context: GatewayContext): Promise<DeploymentAttemptModel[]> => context.progress.builds.load(deployment.id),
  expectedSeconds: (deployment: DeploymentModel, context: GatewayContext): Promise<number | null> => context.progress.expectedSeconds.load(deployment.id),
} satisfies DirectFields<DeploymentModel>;

/** Links of deployments (planned or real) to their application, target and rollout, and how they are going, batched per request. */
@Resolver(() => DeploymentModel)
export class DeploymentsResolver {
  @ResolveField(() => ApplicationModel)
  application(@Parent() deployment: DeploymentModel, @Context() context: GatewayContext): Promise<ApplicationModel> {
    return deploymentFields.application(deployment, context);
  }

  @ResolveField(() => TargetModel)
  target(@Parent() deployment: DeploymentModel, @Context() context: GatewayContext): Promise<TargetModel> {
    return deploymentFields.target(deployment, context);
  }

  @ResolveField(() => RolloutModel)
  rollout(@Parent() deployment: DeploymentModel, @Context() context: GatewayContext): Promise<RolloutModel> {
    return deploymentFields.rollout(deployment, context);
  }

  @ResolveField(() => String, {
    nullable: true,
    description:
      'Why a SCHEDULED or QUEUED deployment is not running yet ("waits for search, billing", "waits for prod-eu-1/production of web", "frozen: <reason>", "no free slot (MAX_PARALLEL_APPS)", "rollout is PLANNED: run it to start", "queued in Jenkins"…); null in any other status (BLOCKED has its error).',
  })
  waitingFor(@Parent() deployment: DeploymentModel, @Context() context: GatewayContext): Promise<string | null> {
    return deploymentFields.waitingFor(deployment, context);
  }

  @ResolveField(() => [DeploymentAttemptModel], { description: 'Each Jenkins build reported for this deployment, newest first.' })
  attempts(@Parent() deployment: DeploymentModel, @Context() context: GatewayContext): Promise<DeploymentAttemptModel[]> {
    return deploymentFields.attempts(deployment, context);
  }

  @ResolveField(() => Float, {
    nullable: true,
    description: 'Expected duration in seconds: the median of the last 10 SUCCEEDED deployments of the application to this target before this one (else to any target); null without history.',
  })
  expectedSeconds(@Parent() deployment: DeploymentModel, @Context() context: GatewayContext): Promise<number | null> {
    return deploymentFields.expectedSeconds(deployment, context);
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
