import { Inject } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { HydratorError, isUuid } from '@hydrator/common';
import { HYDRATOR_CONFIG, HydratorConfig } from '@hydrator/config';
import { DeploymentStatus } from '@hydrator/database';
import { RolloutRunner } from '@hydrator/runner';
import { RolloutReader, ScheduleService } from '@hydrator/scheduling';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { Caller } from '../auth/token-authority';
import type { GatewayContext } from '../graphql/gateway-context';
import { DeploymentModel } from '../graphql/models/deployment.model';
import { RolloutModel } from '../graphql/models/rollout.model';
import { SchedulePlanModel } from '../graphql/models/schedule-plan.model';

/** ISO week as rollouts carry it: `2026-W49`. */
const ISO_WEEK = /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/;
const MAX_DEPLOYMENTS_PAGE = 500;

/** Rollouts: the weekly plan (preview and schedule) and reading rollouts and their deployments. */
@Resolver(() => RolloutModel)
export class RolloutsResolver {
  constructor(
    private readonly scheduling: ScheduleService,
    private readonly reader: RolloutReader,
    private readonly runner: RolloutRunner,
    @Inject(HYDRATOR_CONFIG) private readonly config: HydratorConfig,
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

  @Query(() => [DeploymentModel], {
    name: 'deployments',
    description: 'Deployments of every rollout, newest first (by finish, else start, else planning); every filter given must hold.',
  })
  async deploymentHistory(
    @Args('limit', { type: () => Int, defaultValue: 100, description: '1 to 500.' }) limit: number,
    @Args('application', { type: () => String, nullable: true, description: 'An application name; an unknown one has no deployments.' }) application?: string | null,
    @Args('status', { type: () => DeploymentStatus, nullable: true }) status?: DeploymentStatus | null,
    @Args('weekOf', { type: () => String, nullable: true, description: "The ISO week of the deployment's rollout, e.g. 2026-W49." }) weekOf?: string | null,
  ): Promise<DeploymentModel[]> {
    if (weekOf != null && !ISO_WEEK.test(weekOf)) throw HydratorError.badInput('weekOf', `must be an ISO week like 2026-W49, got "${weekOf.slice(0, 40)}"`);
    if (limit < 1 || limit > MAX_DEPLOYMENTS_PAGE) throw HydratorError.badInput('limit', `must be between 1 and ${MAX_DEPLOYMENTS_PAGE}, got ${limit}`);
    return (await this.reader.history({ application, status, weekOf, limit })).map((row) => DeploymentModel.from(row));
  }

  @Query(() => DeploymentModel, { nullable: true })
  async deployment(@Args('id', { type: () => ID }) id: string): Promise<DeploymentModel | null> {
    const deployment = await this.reader.deployment(id);
    return deployment && DeploymentModel.from(deployment);
  }

  @ResolveField(() => Date, {
    nullable: true,
    description:
      "When a PLANNED, RUNNING or HALTED rollout would finish if each deployment left took its expectedSeconds (unknown: the median of the rollout's, else 5 minutes), following the runner's ordering rules; a HALTED one as if resumed now. Null once COMPLETED.",
  })
  estimatedFinishAt(@Parent() rollout: RolloutModel, @Context() context: GatewayContext): Promise<Date | null> {
    return context.progress.estimatedFinish(rollout.id, rollout.status);
  }

  @ResolveField(() => String, { nullable: true, description: "The week's Jira ticket page (JIRA_HOST/browse/<key>), once it is open." })
  jiraIssueUrl(@Parent() rollout: RolloutModel): string | null {
    return rollout.jiraIssueKey && this.config.jira ? `${this.config.jira.host}/browse/${encodeURIComponent(rollout.jiraIssueKey)}` : null;
  }

  @ResolveField(() => [DeploymentModel])
  async deployments(@Parent() rollout: RolloutModel, @Context() context: GatewayContext): Promise<DeploymentModel[]> {
    return (await context.rollouts.deployments.load(rollout.id)).map((row) => DeploymentModel.fromRecord(row));
  }
}
