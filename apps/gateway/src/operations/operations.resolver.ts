import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { OutboxReader } from '@hydrator/notifier';
import { AuditLogReader, DeploymentChanges, Emergencies, Freezes, RegistrationTickets } from '@hydrator/operations';
import { ApplicationsService, RegistryReader } from '@hydrator/registry';
import { isUuid } from '@hydrator/common';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { Caller } from '../auth/token-authority';
import { ApplicationModel } from '../graphql/models/application.model';
import { DeploymentModel } from '../graphql/models/deployment.model';
import { OutboxStatus } from '../graphql/models/enums';
import { FleetFreezeModel } from '../graphql/models/freeze.model';
import { AuditEventModel, OutboxMessageModel, RegistrationTicketInput } from '../graphql/models/operations.model';
import { RolloutModel } from '../graphql/models/rollout.model';

/** Operating live (workflow 5): every mutation checks its rule, answers with an error naming it, and is audited. */
@Resolver()
export class OperationsResolver {
  constructor(
    private readonly deployments: DeploymentChanges,
    private readonly freezes: Freezes,
    private readonly emergencies: Emergencies,
    private readonly tickets: RegistrationTickets,
    private readonly audit: AuditLogReader,
    private readonly outboxReader: OutboxReader,
    private readonly applications: ApplicationsService,
    private readonly registry: RegistryReader,
  ) {}

  @Mutation(() => DeploymentModel, { description: 'Cancels a deployment that has not started (the link teams get on Slack).' })
  async cancelDeployment(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string, @Args('reason') reason: string): Promise<DeploymentModel> {
    return DeploymentModel.from(await this.deployments.cancel(caller, id, reason));
  }

  @Mutation(() => DeploymentModel, { description: 'Edits the rev of a SCHEDULED deployment; the shortlog is recomputed.' })
  async setDeploymentRev(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string, @Args('gitRev') gitRev: string): Promise<DeploymentModel> {
    return DeploymentModel.from(await this.deployments.setRev(caller, id, gitRev));
  }

  @Mutation(() => ApplicationModel, { description: 'Freezes an application: it is neither scheduled nor run until thawed or until `until`.' })
  async freezeApplication(
    @CurrentCaller() caller: Caller,
    @Args('name') name: string,
    @Args('reason') reason: string,
    @Args('until', { type: () => Date, nullable: true }) until?: Date | null,
  ): Promise<ApplicationModel> {
    return ApplicationModel.from(await this.freezes.freezeApplication(caller, name, reason, until));
  }

  @Mutation(() => ApplicationModel)
  async thawApplication(@CurrentCaller() caller: Caller, @Args('name') name: string): Promise<ApplicationModel> {
    return ApplicationModel.from(await this.freezes.thawApplication(caller, name));
  }

  @Mutation(() => [ApplicationModel], { description: 'Freezes the whole fleet; returns every application.' })
  async freezeAll(@CurrentCaller() caller: Caller, @Args('reason') reason: string, @Args('until', { type: () => Date, nullable: true }) until?: Date | null): Promise<ApplicationModel[]> {
    await this.freezes.freezeFleet(caller, reason, until);
    return (await this.applications.list()).map((row) => ApplicationModel.from(row));
  }

  @Mutation(() => [ApplicationModel], { description: "Lifts the fleet's freeze (applications' own freezes stay)." })
  async thawAll(@CurrentCaller() caller: Caller): Promise<ApplicationModel[]> {
    await this.freezes.thawFleet(caller);
    return (await this.applications.list()).map((row) => ApplicationModel.from(row));
  }

  @Query(() => FleetFreezeModel, { nullable: true, description: "The whole fleet's freeze in force now (freezeAll); null when the fleet is not frozen, or its freeze has lifted by itself." })
  async fleetFreeze(): Promise<FleetFreezeModel | null> {
    const freeze = await this.registry.activeFleetFreeze();
    return freeze && FleetFreezeModel.from(freeze);
  }

  @Mutation(() => RolloutModel, {
    description: 'Deploys a rev now, in a rollout of its own, through the runner (all production targets unless `targets`). A freeze is overridden, with the reason recorded.',
  })
  async createEmergencyDeployment(
    @CurrentCaller() caller: Caller,
    @Args('application') application: string,
    @Args('gitRev') gitRev: string,
    @Args('reason') reason: string,
    @Args('targets', { type: () => [ID], nullable: true }) targets?: string[] | null,
  ): Promise<RolloutModel> {
    return RolloutModel.from(await this.emergencies.create(caller, application, gitRev, reason, targets));
  }

  @Mutation(() => OutboxMessageModel, { description: 'Opens a Jira ticket with the steps to register a new application.' })
  async requestRegistrationTicket(@CurrentCaller() caller: Caller, @Args('input') input: RegistrationTicketInput): Promise<OutboxMessageModel> {
    return OutboxMessageModel.from(await this.tickets.request(caller, input));
  }

  @Query(() => [AuditEventModel], { description: 'Human actions, newest first.' })
  async auditLog(
    @Args('limit', { type: () => Int, defaultValue: 100 }) limit: number,
    @Args('actor', { nullable: true }) actor?: string,
    @Args('action', { nullable: true }) action?: string,
    @Args('subjectType', { nullable: true }) subjectType?: string,
    @Args('subjectId', { nullable: true }) subjectId?: string,
    @Args('since', { type: () => Date, nullable: true }) since?: Date,
  ): Promise<AuditEventModel[]> {
    return (await this.audit.list({ limit, actor, action, subjectType, subjectId, since })).map((row) => AuditEventModel.from(row));
  }

  @Query(() => [OutboxMessageModel], { description: 'Messages Hydrator sent or holds for Slack and Jira, oldest first.' })
  async outbox(
    @Args('rolloutId', { type: () => ID, nullable: true }) rolloutId?: string,
    @Args('status', { type: () => OutboxStatus, nullable: true }) status?: OutboxStatus,
  ): Promise<OutboxMessageModel[]> {
    if (rolloutId != null && !isUuid(rolloutId)) return [];
    return (await this.outboxReader.list({ rolloutId: rolloutId ?? undefined, status: status ?? undefined })).map((row) => OutboxMessageModel.from(row));
  }
}
