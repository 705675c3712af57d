/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type DeploymentStatus =
  | 'BLOCKED'
  | 'CANCELED'
  | 'FAILED'
  | 'QUEUED'
  | 'RUNNING'
  | 'SCHEDULED'
  | 'SUCCEEDED';

/** Which freeze holds an application: APPLICATION, its own (freezeApplication); FLEET, the whole fleet's (freezeAll). */
export type FreezeScope =
  | 'APPLICATION'
  | 'FLEET';

/** HELD: the integration is not configured; the message waits in the outbox. */
export type OutboxStatus =
  | 'FAILED'
  | 'HELD'
  | 'PENDING'
  | 'SENDING'
  | 'SENT';

export type RegisterApplicationInput = {
  description?: string | null | undefined;
  githubRepo: string;
  jenkinsJob: string;
  name: string;
  owners?: Array<string> | null | undefined;
  slackChannel: string;
  targets: Array<TargetInput>;
};

export type RegistrationTicketInput = {
  githubRepo?: string | null | undefined;
  jenkinsJob?: string | null | undefined;
  name: string;
  notes?: string | null | undefined;
  slackChannel?: string | null | undefined;
};

/** viewer: queries and subscriptions; operator: also every mutation. */
export type Role =
  | 'OPERATOR'
  | 'VIEWER';

export type RolloutKind =
  | 'EMERGENCY'
  | 'WEEKLY';

export type RolloutStatus =
  | 'COMPLETED'
  | 'HALTED'
  | 'PLANNED'
  | 'RUNNING';

export type TargetInput = {
  cluster: string;
  environment: string;
  namespace: string;
  /** Position among production targets; defaults to after the last one. */
  order?: number | null | undefined;
  role: TargetRole;
};

/** PROTOTYPE (staging) targets choose what PRODUCTION targets receive. */
export type TargetRole =
  | 'PRODUCTION'
  | 'PROTOTYPE';

/** Only the fields given change. */
export type UpdateApplicationInput = {
  description?: string | null | undefined;
  githubRepo?: string | null | undefined;
  jenkinsJob?: string | null | undefined;
  /** A new name (slug). */
  name?: string | null | undefined;
  owners?: Array<string> | null | undefined;
  slackChannel?: string | null | undefined;
};

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { actor: string, role: Role } };

export type ApplicationsPageApplicationFragment = { id: string, name: string, githubRepo: string, slackChannel: string, jenkinsJob: string, owners: Array<string>, description: string | null, frozen: boolean, frozenReason: string | null, frozenUntil: string | null, freezeScope: FreezeScope | null, dependsOn: Array<{ name: string }>, dependents: Array<{ name: string }>, targets: Array<{ id: string, cluster: string, environment: string, namespace: string, role: TargetRole, order: number, currentRev: string | null, currentReport: { id: string, buildNumber: number, buildUrl: string | null, result: string, finishedAt: string | null } | null }> };

export type ApplicationsPageFleetQueryVariables = Exact<{ [key: string]: never; }>;


export type ApplicationsPageFleetQuery = { applications: Array<{ id: string, name: string, githubRepo: string, slackChannel: string, jenkinsJob: string, owners: Array<string>, description: string | null, frozen: boolean, frozenReason: string | null, frozenUntil: string | null, freezeScope: FreezeScope | null, dependsOn: Array<{ name: string }>, dependents: Array<{ name: string }>, targets: Array<{ id: string, cluster: string, environment: string, namespace: string, role: TargetRole, order: number, currentRev: string | null, currentReport: { id: string, buildNumber: number, buildUrl: string | null, result: string, finishedAt: string | null } | null }> }>, fleetFreeze: { reason: string, until: string | null, frozenBy: string, frozenAt: string } | null };

export type ApplicationsPagePreviewQueryVariables = Exact<{ [key: string]: never; }>;


export type ApplicationsPagePreviewQuery = { schedulePreview: { weekOf: string, cutoff: string, deployments: Array<{ gitRev: string, previousRev: string | null, application: { name: string }, target: { id: string, cluster: string } }>, skipped: Array<{ application: string, reason: string }> } };

export type ApplicationsPageRegisterMutationVariables = Exact<{
  input: RegisterApplicationInput;
}>;


export type ApplicationsPageRegisterMutation = { registerApplication: { id: string, name: string, targets: Array<{ id: string }> } };

export type ApplicationsPageUpdateMutationVariables = Exact<{
  name: string;
  input: UpdateApplicationInput;
}>;


export type ApplicationsPageUpdateMutation = { updateApplication: { id: string, name: string } };

export type ApplicationsPageAddTargetMutationVariables = Exact<{
  application: string;
  input: TargetInput;
}>;


export type ApplicationsPageAddTargetMutation = { addTarget: { id: string, cluster: string, environment: string } };

export type ApplicationsPageRemoveTargetMutationVariables = Exact<{
  id: string;
}>;


export type ApplicationsPageRemoveTargetMutation = { removeTarget: { id: string, name: string } };

export type ApplicationsPageAddDependencyMutationVariables = Exact<{
  application: string;
  dependsOn: string;
}>;


export type ApplicationsPageAddDependencyMutation = { addDependency: { id: string, name: string } };

export type ApplicationsPageRemoveDependencyMutationVariables = Exact<{
  application: string;
  dependsOn: string;
}>;


export type ApplicationsPageRemoveDependencyMutation = { removeDependency: { id: string, name: string } };

export type ApplicationsPageRequestTicketMutationVariables = Exact<{
  input: RegistrationTicketInput;
}>;


export type ApplicationsPageRequestTicketMutation = { requestRegistrationTicket: { id: string, status: string, destination: string } };

export type ApplicationsPageFreezeMutationVariables = Exact<{
  name: string;
  reason: string;
  until?: string | null | undefined;
}>;


export type ApplicationsPageFreezeMutation = { freezeApplication: { id: string, name: string } };

export type ApplicationsPageThawMutationVariables = Exact<{
  name: string;
}>;


export type ApplicationsPageThawMutation = { thawApplication: { id: string, name: string } };

export type ApplicationsPageFreezeAllMutationVariables = Exact<{
  reason: string;
  until?: string | null | undefined;
}>;


export type ApplicationsPageFreezeAllMutation = { freezeAll: Array<{ id: string }> };

export type ApplicationsPageThawAllMutationVariables = Exact<{ [key: string]: never; }>;


export type ApplicationsPageThawAllMutation = { thawAll: Array<{ id: string }> };

export type ApplicationsPageEmergencyMutationVariables = Exact<{
  application: string;
  gitRev: string;
  reason: string;
  targets?: Array<string | number> | string | number | null | undefined;
}>;


export type ApplicationsPageEmergencyMutation = { createEmergencyDeployment: { id: string, kind: RolloutKind } };

export type CancelPageDeploymentStateFragment = { id: string, status: DeploymentStatus, version: number, gitRev: string, previousRev: string | null, changedBy: string | null, changeReason: string | null, error: string | null, startedAt: string | null, finishedAt: string | null };

export type CancelPageCancelMutationVariables = Exact<{
  id: string | number;
  reason: string;
}>;


export type CancelPageCancelMutation = { cancelDeployment: { id: string, status: DeploymentStatus, version: number, gitRev: string, previousRev: string | null, changedBy: string | null, changeReason: string | null, error: string | null, startedAt: string | null, finishedAt: string | null } };

export type DeploymentAttemptsQueryVariables = Exact<{
  id: string | number;
}>;


export type DeploymentAttemptsQuery = { deployment: { id: string, attempts: Array<{ attempt: number, buildNumber: number, buildUrl: string | null, result: string, startedAt: string, finishedAt: string | null }> } | null };

export type CancelPageDeploymentQueryVariables = Exact<{
  id: string | number;
}>;


export type CancelPageDeploymentQuery = { deployment: { slackPermalink: string | null, id: string, status: DeploymentStatus, version: number, gitRev: string, previousRev: string | null, changedBy: string | null, changeReason: string | null, error: string | null, startedAt: string | null, finishedAt: string | null, shortlog: Array<{ author: string, count: number, subjects: Array<string> }>, application: { githubRepo: string, slackChannel: string, name: string }, target: { cluster: string, environment: string, namespace: string }, rollout: { id: string, kind: RolloutKind, weekOf: string | null } } | null };

export type CancelPageDeploymentChangedSubscriptionVariables = Exact<{
  rolloutId: string | number;
}>;


export type CancelPageDeploymentChangedSubscription = { deploymentChanged: { id: string, status: DeploymentStatus, version: number, gitRev: string, previousRev: string | null, changedBy: string | null, changeReason: string | null, error: string | null, startedAt: string | null, finishedAt: string | null } };

export type HistoryRolloutsQueryVariables = Exact<{
  limit: number;
}>;


export type HistoryRolloutsQuery = { rollouts: Array<{ id: string, kind: RolloutKind, status: RolloutStatus, weekOf: string | null, reason: string | null, createdBy: string | null, createdAt: string, startedAt: string | null, finishedAt: string | null }> };

export type HistoryDeploymentsQueryVariables = Exact<{
  application?: string | null | undefined;
  status?: DeploymentStatus | null | undefined;
  weekOf?: string | null | undefined;
  limit: number;
}>;


export type HistoryDeploymentsQuery = { deployments: Array<{ id: string, gitRev: string, previousRev: string | null, status: DeploymentStatus, attempt: number, error: string | null, startedAt: string | null, finishedAt: string | null, application: { name: string }, target: { cluster: string, environment: string, namespace: string }, rollout: { id: string, kind: RolloutKind, weekOf: string | null } }> };

export type OutboxMessagesQueryVariables = Exact<{
  rolloutId?: string | number | null | undefined;
  status?: OutboxStatus | null | undefined;
}>;


export type OutboxMessagesQuery = { outbox: Array<{ id: string, kind: string, destination: string, status: string, text: string | null, lastError: string | null, link: string | null, url: string | null, createdAt: string, sentAt: string | null }> };

export type StabilityChartsQueryVariables = Exact<{
  from: string;
  to: string;
  application?: string | null | undefined;
}>;


export type StabilityChartsQuery = { stability: Array<{ application: string, week: string, deployments: number, succeeded: number, failed: number, successRate: number, meanDurationSeconds: number | null, p90DurationSeconds: number | null, meanLeadTimeSeconds: number | null, p90LeadTimeSeconds: number | null }> };

export type FilterApplicationsQueryVariables = Exact<{ [key: string]: never; }>;


export type FilterApplicationsQuery = { applications: Array<{ name: string }> };

export type DeploymentAttemptFieldsFragment = { attempt: number, buildNumber: number, buildUrl: string | null, result: string, startedAt: string, finishedAt: string | null };

export type DeploymentPlaceFragment = { application: { name: string }, target: { cluster: string, environment: string, namespace: string }, rollout: { id: string, kind: RolloutKind, weekOf: string | null } };

export type WeekCancelDeploymentMutationVariables = Exact<{
  id: string | number;
  reason: string;
}>;


export type WeekCancelDeploymentMutation = { cancelDeployment: { id: string, status: DeploymentStatus, version: number } };

export type WeekRetryDeploymentMutationVariables = Exact<{
  id: string | number;
}>;


export type WeekRetryDeploymentMutation = { retryDeployment: { id: string, status: DeploymentStatus, version: number } };

export type WeekSetDeploymentRevMutationVariables = Exact<{
  id: string | number;
  gitRev: string;
}>;


export type WeekSetDeploymentRevMutation = { setDeploymentRev: { id: string, gitRev: string, version: number } };

export type WeekShortlogPreviewQueryVariables = Exact<{
  deploymentId: string | number;
  gitRev: string;
}>;


export type WeekShortlogPreviewQuery = { shortlogPreview: Array<{ author: string, count: number, subjects: Array<string> }> };

export type WeekRolloutRowFragment = { id: string, kind: RolloutKind, status: RolloutStatus, weekOf: string | null, cutoff: string | null, jiraIssueKey: string | null, jiraIssueUrl: string | null, slackSummaryUrl: string | null, reason: string | null, purpose: string | null, createdBy: string | null, createdAt: string, startedAt: string | null, finishedAt: string | null, version: number };

export type WeekDeploymentRowFragment = { id: string, status: DeploymentStatus, gitRev: string, previousRev: string | null, attempt: number, error: string | null, jenkinsBuildUrl: string | null, jenkinsQueueUrl: string | null, changeReason: string | null, startedAt: string | null, finishedAt: string | null, version: number };

export type WeekRolloutFragment = { estimatedFinishAt: string | null, id: string, kind: RolloutKind, status: RolloutStatus, weekOf: string | null, cutoff: string | null, jiraIssueKey: string | null, jiraIssueUrl: string | null, slackSummaryUrl: string | null, reason: string | null, purpose: string | null, createdBy: string | null, createdAt: string, startedAt: string | null, finishedAt: string | null, version: number, skipped: Array<{ application: string, reason: string }>, deployments: Array<{ waitingFor: string | null, expectedSeconds: number | null, id: string, status: DeploymentStatus, gitRev: string, previousRev: string | null, attempt: number, error: string | null, jenkinsBuildUrl: string | null, jenkinsQueueUrl: string | null, changeReason: string | null, startedAt: string | null, finishedAt: string | null, version: number, attempts: Array<{ attempt: number, buildNumber: number, buildUrl: string | null, result: string, startedAt: string, finishedAt: string | null }>, application: { id: string, name: string, dependsOn: Array<{ name: string }> }, target: { id: string, cluster: string, environment: string } }> };

export type WeekCurrentQueryVariables = Exact<{ [key: string]: never; }>;


export type WeekCurrentQuery = { currentRollout: { estimatedFinishAt: string | null, id: string, kind: RolloutKind, status: RolloutStatus, weekOf: string | null, cutoff: string | null, jiraIssueKey: string | null, jiraIssueUrl: string | null, slackSummaryUrl: string | null, reason: string | null, purpose: string | null, createdBy: string | null, createdAt: string, startedAt: string | null, finishedAt: string | null, version: number, skipped: Array<{ application: string, reason: string }>, deployments: Array<{ waitingFor: string | null, expectedSeconds: number | null, id: string, status: DeploymentStatus, gitRev: string, previousRev: string | null, attempt: number, error: string | null, jenkinsBuildUrl: string | null, jenkinsQueueUrl: string | null, changeReason: string | null, startedAt: string | null, finishedAt: string | null, version: number, attempts: Array<{ attempt: number, buildNumber: number, buildUrl: string | null, result: string, startedAt: string, finishedAt: string | null }>, application: { id: string, name: string, dependsOn: Array<{ name: string }> }, target: { id: string, cluster: string, environment: string } }> } | null, rollouts: Array<{ id: string, kind: RolloutKind, weekOf: string | null, status: RolloutStatus }> };

export type WeekRolloutByIdQueryVariables = Exact<{
  id: string | number;
}>;


export type WeekRolloutByIdQuery = { rollout: { estimatedFinishAt: string | null, id: string, kind: RolloutKind, status: RolloutStatus, weekOf: string | null, cutoff: string | null, jiraIssueKey: string | null, jiraIssueUrl: string | null, slackSummaryUrl: string | null, reason: string | null, purpose: string | null, createdBy: string | null, createdAt: string, startedAt: string | null, finishedAt: string | null, version: number, skipped: Array<{ application: string, reason: string }>, deployments: Array<{ waitingFor: string | null, expectedSeconds: number | null, id: string, status: DeploymentStatus, gitRev: string, previousRev: string | null, attempt: number, error: string | null, jenkinsBuildUrl: string | null, jenkinsQueueUrl: string | null, changeReason: string | null, startedAt: string | null, finishedAt: string | null, version: number, attempts: Array<{ attempt: number, buildNumber: number, buildUrl: string | null, result: string, startedAt: string, finishedAt: string | null }>, application: { id: string, name: string, dependsOn: Array<{ name: string }> }, target: { id: string, cluster: string, environment: string } }> } | null };

export type WeekRolloutChangedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type WeekRolloutChangedSubscription = { rolloutChanged: { id: string, kind: RolloutKind, status: RolloutStatus, weekOf: string | null, cutoff: string | null, jiraIssueKey: string | null, jiraIssueUrl: string | null, slackSummaryUrl: string | null, reason: string | null, purpose: string | null, createdBy: string | null, createdAt: string, startedAt: string | null, finishedAt: string | null, version: number } };

export type WeekDeploymentChangedSubscriptionVariables = Exact<{
  rolloutId: string | number;
}>;


export type WeekDeploymentChangedSubscription = { deploymentChanged: { id: string, status: DeploymentStatus, gitRev: string, previousRev: string | null, attempt: number, error: string | null, jenkinsBuildUrl: string | null, jenkinsQueueUrl: string | null, changeReason: string | null, startedAt: string | null, finishedAt: string | null, version: number } };

export type WeekSchedulePreviewQueryVariables = Exact<{ [key: string]: never; }>;


export type WeekSchedulePreviewQuery = { schedulePreview: { weekOf: string, cutoff: string, deployments: Array<{ gitRev: string, previousRev: string | null, sourceFinishedAt: string, application: { name: string }, target: { id: string, cluster: string, environment: string } }>, skipped: Array<{ application: string, reason: string }> } };

export type WeekScheduleRolloutMutationVariables = Exact<{ [key: string]: never; }>;


export type WeekScheduleRolloutMutation = { scheduleRollout: { id: string, weekOf: string | null, status: RolloutStatus, version: number } };

export type WeekRunRolloutMutationVariables = Exact<{
  id: string | number;
}>;


export type WeekRunRolloutMutation = { runRollout: { id: string, status: RolloutStatus, version: number } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const ApplicationsPageApplicationFragmentDoc = new TypedDocumentString(`
    fragment ApplicationsPageApplication on Application {
  id
  name
  githubRepo
  slackChannel
  jenkinsJob
  owners
  description
  frozen
  frozenReason
  frozenUntil
  freezeScope
  dependsOn {
    name
  }
  dependents {
    name
  }
  targets {
    id
    cluster
    environment
    namespace
    role
    order
    currentRev
    currentReport {
      id
      buildNumber
      buildUrl
      result
      finishedAt
    }
  }
}
    `, {"fragmentName":"ApplicationsPageApplication"}) as unknown as TypedDocumentString<ApplicationsPageApplicationFragment, unknown>;
export const CancelPageDeploymentStateFragmentDoc = new TypedDocumentString(`
    fragment CancelPageDeploymentState on Deployment {
  id
  status
  version
  gitRev
  previousRev
  changedBy
  changeReason
  error
  startedAt
  finishedAt
}
    `, {"fragmentName":"CancelPageDeploymentState"}) as unknown as TypedDocumentString<CancelPageDeploymentStateFragment, unknown>;
export const DeploymentPlaceFragmentDoc = new TypedDocumentString(`
    fragment DeploymentPlace on Deployment {
  application {
    name
  }
  target {
    cluster
    environment
    namespace
  }
  rollout {
    id
    kind
    weekOf
  }
}
    `, {"fragmentName":"DeploymentPlace"}) as unknown as TypedDocumentString<DeploymentPlaceFragment, unknown>;
export const WeekRolloutRowFragmentDoc = new TypedDocumentString(`
    fragment WeekRolloutRow on Rollout {
  id
  kind
  status
  weekOf
  cutoff
  jiraIssueKey
  jiraIssueUrl
  slackSummaryUrl
  reason
  purpose
  createdBy
  createdAt
  startedAt
  finishedAt
  version
}
    `, {"fragmentName":"WeekRolloutRow"}) as unknown as TypedDocumentString<WeekRolloutRowFragment, unknown>;
export const WeekDeploymentRowFragmentDoc = new TypedDocumentString(`
    fragment WeekDeploymentRow on Deployment {
  id
  status
  gitRev
  previousRev
  attempt
  error
  jenkinsBuildUrl
  jenkinsQueueUrl
  changeReason
  startedAt
  finishedAt
  version
}
    `, {"fragmentName":"WeekDeploymentRow"}) as unknown as TypedDocumentString<WeekDeploymentRowFragment, unknown>;
export const DeploymentAttemptFieldsFragmentDoc = new TypedDocumentString(`
    fragment DeploymentAttemptFields on DeploymentAttempt {
  attempt
  buildNumber
  buildUrl
  result
  startedAt
  finishedAt
}
    `, {"fragmentName":"DeploymentAttemptFields"}) as unknown as TypedDocumentString<DeploymentAttemptFieldsFragment, unknown>;
export const WeekRolloutFragmentDoc = new TypedDocumentString(`
    fragment WeekRollout on Rollout {
  ...WeekRolloutRow
  estimatedFinishAt
  skipped {
    application
    reason
  }
  deployments {
    ...WeekDeploymentRow
    waitingFor
    expectedSeconds
    attempts {
      ...DeploymentAttemptFields
    }
    application {
      id
      name
      dependsOn {
        name
      }
    }
    target {
      id
      cluster
      environment
    }
  }
}
    fragment DeploymentAttemptFields on DeploymentAttempt {
  attempt
  buildNumber
  buildUrl
  result
  startedAt
  finishedAt
}
fragment WeekRolloutRow on Rollout {
  id
  kind
  status
  weekOf
  cutoff
  jiraIssueKey
  jiraIssueUrl
  slackSummaryUrl
  reason
  purpose
  createdBy
  createdAt
  startedAt
  finishedAt
  version
}
fragment WeekDeploymentRow on Deployment {
  id
  status
  gitRev
  previousRev
  attempt
  error
  jenkinsBuildUrl
  jenkinsQueueUrl
  changeReason
  startedAt
  finishedAt
  version
}`, {"fragmentName":"WeekRollout"}) as unknown as TypedDocumentString<WeekRolloutFragment, unknown>;
export const MeDocument = new TypedDocumentString(`
    query Me {
  me {
    actor
    role
  }
}
    `) as unknown as TypedDocumentString<MeQuery, MeQueryVariables>;
export const ApplicationsPageFleetDocument = new TypedDocumentString(`
    query ApplicationsPageFleet {
  applications {
    ...ApplicationsPageApplication
  }
  fleetFreeze {
    reason
    until
    frozenBy
    frozenAt
  }
}
    fragment ApplicationsPageApplication on Application {
  id
  name
  githubRepo
  slackChannel
  jenkinsJob
  owners
  description
  frozen
  frozenReason
  frozenUntil
  freezeScope
  dependsOn {
    name
  }
  dependents {
    name
  }
  targets {
    id
    cluster
    environment
    namespace
    role
    order
    currentRev
    currentReport {
      id
      buildNumber
      buildUrl
      result
      finishedAt
    }
  }
}`) as unknown as TypedDocumentString<ApplicationsPageFleetQuery, ApplicationsPageFleetQueryVariables>;
export const ApplicationsPagePreviewDocument = new TypedDocumentString(`
    query ApplicationsPagePreview {
  schedulePreview {
    weekOf
    cutoff
    deployments {
      application {
        name
      }
      target {
        id
        cluster
      }
      gitRev
      previousRev
    }
    skipped {
      application
      reason
    }
  }
}
    `) as unknown as TypedDocumentString<ApplicationsPagePreviewQuery, ApplicationsPagePreviewQueryVariables>;
export const ApplicationsPageRegisterDocument = new TypedDocumentString(`
    mutation ApplicationsPageRegister($input: RegisterApplicationInput!) {
  registerApplication(input: $input) {
    id
    name
    targets {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<ApplicationsPageRegisterMutation, ApplicationsPageRegisterMutationVariables>;
export const ApplicationsPageUpdateDocument = new TypedDocumentString(`
    mutation ApplicationsPageUpdate($name: String!, $input: UpdateApplicationInput!) {
  updateApplication(name: $name, input: $input) {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<ApplicationsPageUpdateMutation, ApplicationsPageUpdateMutationVariables>;
export const ApplicationsPageAddTargetDocument = new TypedDocumentString(`
    mutation ApplicationsPageAddTarget($application: String!, $input: TargetInput!) {
  addTarget(application: $application, input: $input) {
    id
    cluster
    environment
  }
}
    `) as unknown as TypedDocumentString<ApplicationsPageAddTargetMutation, ApplicationsPageAddTargetMutationVariables>;
export const ApplicationsPageRemoveTargetDocument = new TypedDocumentString(`
    mutation ApplicationsPageRemoveTarget($id: String!) {
  removeTarget(id: $id) {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<ApplicationsPageRemoveTargetMutation, ApplicationsPageRemoveTargetMutationVariables>;
export const ApplicationsPageAddDependencyDocument = new TypedDocumentString(`
    mutation ApplicationsPageAddDependency($application: String!, $dependsOn: String!) {
  addDependency(application: $application, dependsOn: $dependsOn) {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<ApplicationsPageAddDependencyMutation, ApplicationsPageAddDependencyMutationVariables>;
export const ApplicationsPageRemoveDependencyDocument = new TypedDocumentString(`
    mutation ApplicationsPageRemoveDependency($application: String!, $dependsOn: String!) {
  removeDependency(application: $application, dependsOn: $dependsOn) {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<ApplicationsPageRemoveDependencyMutation, ApplicationsPageRemoveDependencyMutationVariables>;
export const ApplicationsPageRequestTicketDocument = new TypedDocumentString(`
    mutation ApplicationsPageRequestTicket($input: RegistrationTicketInput!) {
  requestRegistrationTicket(input: $input) {
    id
    status
    destination
  }
}
    `) as unknown as TypedDocumentString<ApplicationsPageRequestTicketMutation, ApplicationsPageRequestTicketMutationVariables>;
export const ApplicationsPageFreezeDocument = new TypedDocumentString(`
    mutation ApplicationsPageFreeze($name: String!, $reason: String!, $until: DateTime) {
  freezeApplication(name: $name, reason: $reason, until: $until) {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<ApplicationsPageFreezeMutation, ApplicationsPageFreezeMutationVariables>;
export const ApplicationsPageThawDocument = new TypedDocumentString(`
    mutation ApplicationsPageThaw($name: String!) {
  thawApplication(name: $name) {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<ApplicationsPageThawMutation, ApplicationsPageThawMutationVariables>;
export const ApplicationsPageFreezeAllDocument = new TypedDocumentString(`
    mutation ApplicationsPageFreezeAll($reason: String!, $until: DateTime) {
  freezeAll(reason: $reason, until: $until) {
    id
  }
}
    `) as unknown as TypedDocumentString<ApplicationsPageFreezeAllMutation, ApplicationsPageFreezeAllMutationVariables>;
export const ApplicationsPageThawAllDocument = new TypedDocumentString(`
    mutation ApplicationsPageThawAll {
  thawAll {
    id
  }
}
    `) as unknown as TypedDocumentString<ApplicationsPageThawAllMutation, ApplicationsPageThawAllMutationVariables>;
export const ApplicationsPageEmergencyDocument = new TypedDocumentString(`
    mutation ApplicationsPageEmergency($application: String!, $gitRev: String!, $reason: String!, $targets: [ID!]) {
  createEmergencyDeployment(
    application: $application
    gitRev: $gitRev
    reason: $reason
    targets: $targets
  ) {
    id
    kind
  }
}
    `) as unknown as TypedDocumentString<ApplicationsPageEmergencyMutation, ApplicationsPageEmergencyMutationVariables>;
export const CancelPageCancelDocument = new TypedDocumentString(`
    mutation CancelPageCancel($id: ID!, $reason: String!) {
  cancelDeployment(id: $id, reason: $reason) {
    ...CancelPageDeploymentState
  }
}
    fragment CancelPageDeploymentState on Deployment {
  id
  status
  version
  gitRev
  previousRev
  changedBy
  changeReason
  error
  startedAt
  finishedAt
}`) as unknown as TypedDocumentString<CancelPageCancelMutation, CancelPageCancelMutationVariables>;
export const DeploymentAttemptsDocument = new TypedDocumentString(`
    query DeploymentAttempts($id: ID!) {
  deployment(id: $id) {
    id
    attempts {
      ...DeploymentAttemptFields
    }
  }
}
    fragment DeploymentAttemptFields on DeploymentAttempt {
  attempt
  buildNumber
  buildUrl
  result
  startedAt
  finishedAt
}`) as unknown as TypedDocumentString<DeploymentAttemptsQuery, DeploymentAttemptsQueryVariables>;
export const CancelPageDeploymentDocument = new TypedDocumentString(`
    query CancelPageDeployment($id: ID!) {
  deployment(id: $id) {
    ...CancelPageDeploymentState
    slackPermalink
    shortlog {
      author
      count
      subjects
    }
    ...DeploymentPlace
    application {
      githubRepo
      slackChannel
    }
  }
}
    fragment CancelPageDeploymentState on Deployment {
  id
  status
  version
  gitRev
  previousRev
  changedBy
  changeReason
  error
  startedAt
  finishedAt
}
fragment DeploymentPlace on Deployment {
  application {
    name
  }
  target {
    cluster
    environment
    namespace
  }
  rollout {
    id
    kind
    weekOf
  }
}`) as unknown as TypedDocumentString<CancelPageDeploymentQuery, CancelPageDeploymentQueryVariables>;
export const CancelPageDeploymentChangedDocument = new TypedDocumentString(`
    subscription CancelPageDeploymentChanged($rolloutId: ID!) {
  deploymentChanged(rolloutId: $rolloutId) {
    ...CancelPageDeploymentState
  }
}
    fragment CancelPageDeploymentState on Deployment {
  id
  status
  version
  gitRev
  previousRev
  changedBy
  changeReason
  error
  startedAt
  finishedAt
}`) as unknown as TypedDocumentString<CancelPageDeploymentChangedSubscription, CancelPageDeploymentChangedSubscriptionVariables>;
export const HistoryRolloutsDocument = new TypedDocumentString(`
    query HistoryRollouts($limit: Int!) {
  rollouts(limit: $limit) {
    id
    kind
    status
    weekOf
    reason
    createdBy
    createdAt
    startedAt
    finishedAt
  }
}
    `) as unknown as TypedDocumentString<HistoryRolloutsQuery, HistoryRolloutsQueryVariables>;
export const HistoryDeploymentsDocument = new TypedDocumentString(`
    query HistoryDeployments($application: String, $status: DeploymentStatus, $weekOf: String, $limit: Int!) {
  deployments(
    application: $application
    status: $status
    weekOf: $weekOf
    limit: $limit
  ) {
    id
    gitRev
    previousRev
    status
    attempt
    error
    startedAt
    finishedAt
    ...DeploymentPlace
  }
}
    fragment DeploymentPlace on Deployment {
  application {
    name
  }
  target {
    cluster
    environment
    namespace
  }
  rollout {
    id
    kind
    weekOf
  }
}`) as unknown as TypedDocumentString<HistoryDeploymentsQuery, HistoryDeploymentsQueryVariables>;
export const OutboxMessagesDocument = new TypedDocumentString(`
    query OutboxMessages($rolloutId: ID, $status: OutboxStatus) {
  outbox(rolloutId: $rolloutId, status: $status) {
    id
    kind
    destination
    status
    text
    lastError
    link
    url
    createdAt
    sentAt
  }
}
    `) as unknown as TypedDocumentString<OutboxMessagesQuery, OutboxMessagesQueryVariables>;
export const StabilityChartsDocument = new TypedDocumentString(`
    query StabilityCharts($from: DateTime!, $to: DateTime!, $application: String) {
  stability(from: $from, to: $to, application: $application) {
    application
    week
    deployments
    succeeded
    failed
    successRate
    meanDurationSeconds
    p90DurationSeconds
    meanLeadTimeSeconds
    p90LeadTimeSeconds
  }
}
    `) as unknown as TypedDocumentString<StabilityChartsQuery, StabilityChartsQueryVariables>;
export const FilterApplicationsDocument = new TypedDocumentString(`
    query FilterApplications {
  applications {
    name
  }
}
    `) as unknown as TypedDocumentString<FilterApplicationsQuery, FilterApplicationsQueryVariables>;
export const WeekCancelDeploymentDocument = new TypedDocumentString(`
    mutation WeekCancelDeployment($id: ID!, $reason: String!) {
  cancelDeployment(id: $id, reason: $reason) {
    id
    status
    version
  }
}
    `) as unknown as TypedDocumentString<WeekCancelDeploymentMutation, WeekCancelDeploymentMutationVariables>;
export const WeekRetryDeploymentDocument = new TypedDocumentString(`
    mutation WeekRetryDeployment($id: ID!) {
  retryDeployment(id: $id) {
    id
    status
    version
  }
}
    `) as unknown as TypedDocumentString<WeekRetryDeploymentMutation, WeekRetryDeploymentMutationVariables>;
export const WeekSetDeploymentRevDocument = new TypedDocumentString(`
    mutation WeekSetDeploymentRev($id: ID!, $gitRev: String!) {
  setDeploymentRev(id: $id, gitRev: $gitRev) {
    id
    gitRev
    version
  }
}
    `) as unknown as TypedDocumentString<WeekSetDeploymentRevMutation, WeekSetDeploymentRevMutationVariables>;
export const WeekShortlogPreviewDocument = new TypedDocumentString(`
    query WeekShortlogPreview($deploymentId: ID!, $gitRev: String!) {
  shortlogPreview(deploymentId: $deploymentId, gitRev: $gitRev) {
    author
    count
    subjects
  }
}
    `) as unknown as TypedDocumentString<WeekShortlogPreviewQuery, WeekShortlogPreviewQueryVariables>;
export const WeekCurrentDocument = new TypedDocumentString(`
    query WeekCurrent {
  currentRollout {
    ...WeekRollout
  }
  rollouts(limit: 10) {
    id
    kind
    weekOf
    status
  }
}
    fragment DeploymentAttemptFields on DeploymentAttempt {
  attempt
  buildNumber
  buildUrl
  result
  startedAt
  finishedAt
}
fragment WeekRolloutRow on Rollout {
  id
  kind
  status
  weekOf
  cutoff
  jiraIssueKey
  jiraIssueUrl
  slackSummaryUrl
  reason
  purpose
  createdBy
  createdAt
  startedAt
  finishedAt
  version
}
fragment WeekDeploymentRow on Deployment {
  id
  status
  gitRev
  previousRev
  attempt
  error
  jenkinsBuildUrl
  jenkinsQueueUrl
  changeReason
  startedAt
  finishedAt
  version
}
fragment WeekRollout on Rollout {
  ...WeekRolloutRow
  estimatedFinishAt
  skipped {
    application
    reason
  }
  deployments {
    ...WeekDeploymentRow
    waitingFor
    expectedSeconds
    attempts {
      ...DeploymentAttemptFields
    }
    application {
      id
      name
      dependsOn {
        name
      }
    }
    target {
      id
      cluster
      environment
    }
  }
}`) as unknown as TypedDocumentString<WeekCurrentQuery, WeekCurrentQueryVariables>;
export const WeekRolloutByIdDocument = new TypedDocumentString(`
    query WeekRolloutById($id: ID!) {
  rollout(id: $id) {
    ...WeekRollout
  }
}
    fragment DeploymentAttemptFields on DeploymentAttempt {
  attempt
  buildNumber
  buildUrl
  result
  startedAt
  finishedAt
}
fragment WeekRolloutRow on Rollout {
  id
  kind
  status
  weekOf
  cutoff
  jiraIssueKey
  jiraIssueUrl
  slackSummaryUrl
  reason
  purpose
  createdBy
  createdAt
  startedAt
  finishedAt
  version
}
fragment WeekDeploymentRow on Deployment {
  id
  status
  gitRev
  previousRev
  attempt
  error
  jenkinsBuildUrl
  jenkinsQueueUrl
  changeReason
  startedAt
  finishedAt
  version
}
fragment WeekRollout on Rollout {
  ...WeekRolloutRow
  estimatedFinishAt
  skipped {
    application
    reason
  }
  deployments {
    ...WeekDeploymentRow
    waitingFor
    expectedSeconds
    attempts {
      ...DeploymentAttemptFields
    }
    application {
      id
      name
      dependsOn {
        name
      }
    }
    target {
      id
      cluster
      environment
    }
  }
}`) as unknown as TypedDocumentString<WeekRolloutByIdQuery, WeekRolloutByIdQueryVariables>;
export const WeekRolloutChangedDocument = new TypedDocumentString(`
    subscription WeekRolloutChanged {
  rolloutChanged {
    ...WeekRolloutRow
  }
}
    fragment WeekRolloutRow on Rollout {
  id
  kind
  status
  weekOf
  cutoff
  jiraIssueKey
  jiraIssueUrl
  slackSummaryUrl
  reason
  purpose
  createdBy
  createdAt
  startedAt
  finishedAt
  version
}`) as unknown as TypedDocumentString<WeekRolloutChangedSubscription, WeekRolloutChangedSubscriptionVariables>;
export const WeekDeploymentChangedDocument = new TypedDocumentString(`
    subscription WeekDeploymentChanged($rolloutId: ID!) {
  deploymentChanged(rolloutId: $rolloutId) {
    ...WeekDeploymentRow
  }
}
    fragment WeekDeploymentRow on Deployment {
  id
  status
  gitRev
  previousRev
  attempt
  error
  jenkinsBuildUrl
  jenkinsQueueUrl
  changeReason
  startedAt
  finishedAt
  version
}`) as unknown as TypedDocumentString<WeekDeploymentChangedSubscription, WeekDeploymentChangedSubscriptionVariables>;
export const WeekSchedulePreviewDocument = new TypedDocumentString(`
    query WeekSchedulePreview {
  schedulePreview {
    weekOf
    cutoff
    deployments {
      application {
        name
      }
      target {
        id
        cluster
        environment
      }
      gitRev
      previousRev
      sourceFinishedAt
    }
    skipped {
      application
      reason
    }
  }
}
    `) as unknown as TypedDocumentString<WeekSchedulePreviewQuery, WeekSchedulePreviewQueryVariables>;
export const WeekScheduleRolloutDocument = new TypedDocumentString(`
    mutation WeekScheduleRollout {
  scheduleRollout {
    id
    weekOf
    status
    version
  }
}
    `) as unknown as TypedDocumentString<WeekScheduleRolloutMutation, WeekScheduleRolloutMutationVariables>;
export const WeekRunRolloutDocument = new TypedDocumentString(`
    mutation WeekRunRollout($id: ID!) {
  runRollout(id: $id) {
    id
    status
    version
  }
}
    `) as unknown as TypedDocumentString<WeekRunRolloutMutation, WeekRunRolloutMutationVariables>;