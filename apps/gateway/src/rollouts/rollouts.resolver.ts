import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { HydratorError, isUuid } from '@hydrator/common';
import { RolloutRunner } from '@hydrator/runner';
import { RolloutReader, ScheduleService } from '@hydrator/scheduling';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { Caller } from '../auth/token-authority';
import type { GatewayContext } from '../graphql/gateway-context';
import { DeploymentModel } from '../graphql/models/deployment.model';
import { RolloutModel } from '../graphql/models/rollout.model';
import { SchedulePlanModel } from '../graphql/models/schedule-plan.model';

/** Rollouts: the weekly plan (preview and schedule) and reading rollouts and their deployments. */
@Resolver(() => RolloutModel)
export class RolloutsResolver {
  constructor(
    private readonly scheduling: ScheduleService,
    private readonly reader: RolloutReader,
    private readonly runner: RolloutRunner,
  ) {}

  @Query(() => SchedulePlanModel, { description: 'What scheduleRollout would plan now; no side effects.' })
  async schedulePreview(): Promise<SchedulePlanModel> {
    return SchedulePlanModel.from(await this.scheduling.preview());
  }

  @Mutation(() => RolloutModel, { description: 'Plans the current ISO week (idempotent: the same week returns the same rollout).' })
  async scheduleRollout(@CurrentCaller() caller: Caller): Promise<RolloutModel> {
    return RolloutModel.from((await this.scheduling.schedule(caller)).rollout);
  }

  @Mutation(() => RolloutModel, { description: 'Runs or resumes a rollout (default: the newest planned or halted one). Succeeded deployments are kept, failed and blocked ones run again.' })
  async runRollout(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID, nullable: true }) id?: string): Promise<RolloutModel> {
    // An id that is given must name a rollout: an empty one must not fall back to "the newest".
    if (id != null && !isUuid(id)) throw HydratorError.notFound(`rollout ${id} does not exist`);
    return RolloutModel.from(await this.runner.run(caller, id ?? undefined));
  }

  @Mutation(() => DeploymentModel, { description: 'Runs one FAILED or BLOCKED deployment again, resuming its rollout if it halted.' })
  async retryDeployment(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<DeploymentModel> {
    return DeploymentModel.from(await this.runner.retryDeployment(caller, id));
  }

  @Query(() => RolloutModel, { nullable: true, description: 'The newest rollout that is not COMPLETED, else the newest.' })
  async currentRollout(): Promise<RolloutModel | null> {
    const rollout = await this.reader.current();
    return rollout && RolloutModel.from(rollout);
  }

  @Query(() => RolloutModel, { nullable: true })
  async rollout(@Args('id', { type: () => ID }) id: string): Promise<RolloutModel | null> {
    const rollout = await this.reader.byId(id);
    return rollout && RolloutModel.from(rollout);
  }

  @Query(() => [RolloutModel], { description: 'Rollouts, newest first.' })
  async rollouts(@Args('limit', { type: () => Int, defaultValue: 20 }) limit: number): Promise<RolloutModel[]> {
    return (await this.reader.list(Math.min(Math.max(limit, 1), 200))).map((row) => RolloutModel.from(row));
  }

  @Query(() => DeploymentModel, { nullable: true })
  async deployment(@Args('id', { type: () => ID }) id: string): Promise<DeploymentModel | null> {
    const deployment = await this.reader.deployment(id);
    return deployment && DeploymentModel.from(deployment);
  }

  @ResolveField(() => [DeploymentModel])
  async deployments(@Parent() rollout: RolloutModel, @Context() context: GatewayContext): Promise<DeploymentModel[]> {
    return (await context.rollouts.deployments.load(rollout.id)).map((row) => DeploymentModel.from(row));
  }
}
