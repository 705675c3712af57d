export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO-8601 date-time with its offset, e.g. 2026-03-02T09:30:00Z, or a date (midnight UTC), e.g. 2026-03-02. */
  DateTime: { input: string; output: string; }
};

/** A service promoted from staging to production. */
export type Application = {
  __typename?: 'Application';
  /** Applications that deploy after this one. */
  dependents: Array<Application>;
  /** Applications this one deploys after. */
  dependsOn: Array<Application>;
  description?: Maybe<Scalars['String']['output']>;
  /** Which freeze holds it now: APPLICATION (its own) or FLEET (the whole fleet's, see fleetFreeze); null when not frozen. Under both, APPLICATION: its own freeze is the one in force, and frozenReason and frozenUntil are that freeze's. */
  freezeScope?: Maybe<FreezeScope>;
  /** Frozen by its own freeze or the whole fleet's. */
  frozen: Scalars['Boolean']['output'];
  frozenReason?: Maybe<Scalars['String']['output']>;
  /** When the freeze lifts by itself; null when frozen until thawed. */
  frozenUntil?: Maybe<Scalars['DateTime']['output']>;
  /** owner/name on GitHub. */
  githubRepo: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** Path of the Jenkins job that deploys it (folder/job). */
  jenkinsJob: Scalars['String']['output'];
  name: Scalars['String']['output'];
  owners: Array<Scalars['String']['output']>;
  slackChannel: Scalars['String']['output'];
  targets: Array<Target>;
};

/** A human action, with who did it and when. */
export type AuditEvent = {
  __typename?: 'AuditEvent';
  /** e.g. application.register, deployment.cancel, application.freeze */
  action: Scalars['String']['output'];
  actor: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  /** Details as JSON. */
  details: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  subjectId: Scalars['String']['output'];
  subjectType: Scalars['String']['output'];
};

/** Who the bearer token belongs to, as the audit log records it. */
export type Caller = {
  __typename?: 'Caller';
  actor: Scalars['String']['output'];
  role: Role;
};

/** One application rev to one production target inside a rollout. */
export type Deployment = {
  __typename?: 'Deployment';
  application: Application;
  attempt: Scalars['Int']['output'];
  /** Each Jenkins build reported for this deployment, newest first. */
  attempts: Array<DeploymentAttempt>;
  /** Why this rev: the prototype report it came from and the cutoff. */
  changeReason?: Maybe<Scalars['String']['output']>;
  changedBy?: Maybe<Scalars['String']['output']>;
  error?: Maybe<Scalars['String']['output']>;
  /** Expected duration in seconds: the median of the last 10 SUCCEEDED deployments of the application to this target before this one (else to any target); null without history. */
  expectedSeconds?: Maybe<Scalars['Float']['output']>;
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  gitRev: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** The Jenkins build of the current attempt, as soon as Jenkins reports it started. */
  jenkinsBuildUrl?: Maybe<Scalars['String']['output']>;
  /** The Jenkins queue item the runner triggered for the current attempt. */
  jenkinsQueueUrl?: Maybe<Scalars['String']['output']>;
  /** The cutoff in force when this rev was chosen. */
  plannedCutoff?: Maybe<Scalars['DateTime']['output']>;
  previousRev?: Maybe<Scalars['String']['output']>;
  rollout: Rollout;
  shortlog: Array<ShortlogEntry>;
  slackPermalink?: Maybe<Scalars['String']['output']>;
  startedAt?: Maybe<Scalars['DateTime']['output']>;
  status: DeploymentStatus;
  target: Target;
  /** Bumped on every change: the newer of two copies has the higher version. */
  version: Scalars['Int']['output'];
  /** Why a SCHEDULED or QUEUED deployment is not running yet ("waits for search, billing", "waits for prod-eu-1/production of web", "frozen: <reason>", "no free slot (MAX_PARALLEL_APPS)", "rollout is PLANNED: run it to start", "queued in Jenkins"…); null in any other status (BLOCKED has its error). */
  waitingFor?: Maybe<Scalars['String']['output']>;
};

/** One Jenkins build of a deployment, as its reports tell it: the latest phase Jenkins reported. */
export type DeploymentAttempt = {
  __typename?: 'DeploymentAttempt';
  /** The attempt it ran, from HYDRATOR_DEPLOYMENT_ID (<deployment id>:<attempt>). */
  attempt: Scalars['Int']['output'];
  buildNumber: Scalars['Int']['output'];
  buildUrl?: Maybe<Scalars['String']['output']>;
  /** Null until Jenkins reported the build COMPLETED or FINALIZED. */
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  /** SUCCESS, FAILURE, UNSTABLE, ABORTED, NOT_BUILT once finished; QUEUED or STARTED before. */
  result: Scalars['String']['output'];
  startedAt: Scalars['DateTime']['output'];
};

/** One Jenkins run phase on a target, as Jenkins reported it. */
export type DeploymentReport = {
  __typename?: 'DeploymentReport';
  buildNumber: Scalars['Int']['output'];
  buildUrl?: Maybe<Scalars['String']['output']>;
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The deployed rev; empty when Jenkins sent none. */
  gitRev: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** Jenkins job path, folder/job. */
  jobPath: Scalars['String']['output'];
  /** Raw job parameters as JSON. */
  parameters?: Maybe<Scalars['String']['output']>;
  phase: Scalars['String']['output'];
  receivedAt: Scalars['DateTime']['output'];
  /** SUCCESS, FAILURE, UNSTABLE, ABORTED, NOT_BUILT, or STARTED while running. */
  result: Scalars['String']['output'];
  startedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Why no registered target matched; null when one did. */
  unmatchedReason?: Maybe<Scalars['String']['output']>;
};

export type DeploymentStatus =
  | 'BLOCKED'
  | 'CANCELED'
  | 'FAILED'
  | 'QUEUED'
  | 'RUNNING'
  | 'SCHEDULED'
  | 'SUCCEEDED';

/** The freeze of the whole fleet in force now (freezeAll), until thawed (thawAll) or until `until`. */
export type FleetFreeze = {
  __typename?: 'FleetFreeze';
  frozenAt: Scalars['DateTime']['output'];
  /** The actor who froze the fleet. */
  frozenBy: Scalars['String']['output'];
  reason: Scalars['String']['output'];
  /** When it lifts by itself; null when frozen until thawed. */
  until?: Maybe<Scalars['DateTime']['output']>;
};

/** Which freeze holds an application: APPLICATION, its own (freezeApplication); FLEET, the whole fleet's (freezeAll). */
export type FreezeScope =
  | 'APPLICATION'
  | 'FLEET';

export type Mutation = {
  __typename?: 'Mutation';
  /** `application` deploys after `dependsOn`; refused, naming the cycle, if it would close one. */
  addDependency: Application;
  addTarget: Target;
  /** Cancels a deployment that has not started (the link teams get on Slack). */
  cancelDeployment: Deployment;
  /** Deploys a rev now, in a rollout of its own, through the runner (all production targets unless `targets`). A freeze is overridden, with the reason recorded. */
  createEmergencyDeployment: Rollout;
  /** Freezes the whole fleet; returns every application. */
  freezeAll: Array<Application>;
  /** Freezes an application: it is neither scheduled nor run until thawed or until `until`. */
  freezeApplication: Application;
  registerApplication: Application;
  removeDependency: Application;
  /** Refused for the last target of a role, or a target with deployments in its history. */
  removeTarget: Application;
  /** Opens a Jira ticket with the steps to register a new application. */
  requestRegistrationTicket: OutboxMessage;
  /** Runs one FAILED or BLOCKED deployment again, resuming its rollout if it halted. */
  retryDeployment: Deployment;
  /** Runs or resumes a rollout (default: the newest planned or halted one). Succeeded deployments are kept, failed and blocked ones run again. */
  runRollout: Rollout;
  /** Plans the current ISO week (idempotent: the same week returns the same rollout). */
  scheduleRollout: Rollout;
  /** Edits the rev of a SCHEDULED deployment; the shortlog is recomputed. */
  setDeploymentRev: Deployment;
  /** Lifts the fleet's freeze (applications' own freezes stay). */
  thawAll: Array<Application>;
  thawApplication: Application;
  updateApplication: Application;
};


export type MutationAddDependencyArgs = {
  application: Scalars['String']['input'];
  dependsOn: Scalars['String']['input'];
};


export type MutationAddTargetArgs = {
  application: Scalars['String']['input'];
  input: TargetInput;
};


export type MutationCancelDeploymentArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationCreateEmergencyDeploymentArgs = {
  application: Scalars['String']['input'];
  gitRev: Scalars['String']['input'];
  reason: Scalars['String']['input'];
  targets?: InputMaybe<Array<Scalars['ID']['input']>>;
};


export type MutationFreezeAllArgs = {
  reason: Scalars['String']['input'];
  until?: InputMaybe<Scalars['DateTime']['input']>;
};


export type MutationFreezeApplicationArgs = {
  name: Scalars['String']['input'];
  reason: Scalars['String']['input'];
  until?: InputMaybe<Scalars['DateTime']['input']>;
};


export type MutationRegisterApplicationArgs = {
  input: RegisterApplicationInput;
};


export type MutationRemoveDependencyArgs = {
  application: Scalars['String']['input'];
  dependsOn: Scalars['String']['input'];
};


export type MutationRemoveTargetArgs = {
  id: Scalars['String']['input'];
};


export type MutationRequestRegistrationTicketArgs = {
  input: RegistrationTicketInput;
};


export type MutationRetryDeploymentArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRunRolloutArgs = {
  id?: InputMaybe<Scalars['ID']['input']>;
};


export type MutationSetDeploymentRevArgs = {
  gitRev: Scalars['String']['input'];
  id: Scalars['ID']['input'];
};


export type MutationThawApplicationArgs = {
  name: Scalars['String']['input'];
};


export type MutationUpdateApplicationArgs = {
  input: UpdateApplicationInput;
  name: Scalars['String']['input'];
};

/** A Slack message or Jira ticket Hydrator owes, and whether it went out. */
export type OutboxMessage = {
  __typename?: 'OutboxMessage';
  createdAt: Scalars['DateTime']['output'];
  /** Slack channel or Jira project. */
  destination: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** SLACK_MESSAGE, SLACK_SRE_SUMMARY, SLACK_REPLY (in the SRE summary thread), SLACK_UPDATE (of a team message), JIRA_ISSUE, JIRA_COMMENT or JIRA_TRANSITION */
  kind: Scalars['String']['output'];
  lastError?: Maybe<Scalars['String']['output']>;
  /** Permalink or Jira key once sent. */
  link?: Maybe<Scalars['String']['output']>;
  sentAt?: Maybe<Scalars['DateTime']['output']>;
  /** PENDING, SENDING, SENT, FAILED, or HELD while the integration is not configured. */
  status: Scalars['String']['output'];
  /** Text (Slack), summary (Jira ticket), comment, or the transition made. */
  text?: Maybe<Scalars['String']['output']>;
  /** Where to open it once sent: the Slack permalink or the Jira issue page. */
  url?: Maybe<Scalars['String']['output']>;
};

/** HELD: the integration is not configured; the message waits in the outbox. */
export type OutboxStatus =
  | 'FAILED'
  | 'HELD'
  | 'PENDING'
  | 'SENDING'
  | 'SENT';

/** A deployment scheduling would plan. */
export type PlannedDeployment = {
  __typename?: 'PlannedDeployment';
  application: Application;
  gitRev: Scalars['String']['output'];
  previousRev?: Maybe<Scalars['String']['output']>;
  /** Finish of the prototype report the rev comes from. */
  sourceFinishedAt: Scalars['DateTime']['output'];
  target: Target;
};

export type Query = {
  __typename?: 'Query';
  application?: Maybe<Application>;
  /** Every registered application, by name. */
  applications: Array<Application>;
  /** Human actions, newest first. */
  auditLog: Array<AuditEvent>;
  /** The newest rollout that is not COMPLETED, else the newest. */
  currentRollout?: Maybe<Rollout>;
  deployment?: Maybe<Deployment>;
  /** Deployments of every rollout, newest first (by finish, else start, else planning); every filter given must hold. */
  deployments: Array<Deployment>;
  /** The whole fleet's freeze in force now (freezeAll); null when the fleet is not frozen, or its freeze has lifted by itself. */
  fleetFreeze?: Maybe<FleetFreeze>;
  /** The caller behind the bearer token: its actor name and role. */
  me: Caller;
  /** Messages Hydrator sent or holds for Slack and Jira, oldest first. */
  outbox: Array<OutboxMessage>;
  rollout?: Maybe<Rollout>;
  /** Rollouts, newest first. */
  rollouts: Array<Rollout>;
  /** What scheduleRollout would plan now; no side effects. */
  schedulePreview: SchedulePlan;
  /** The shortlog from the deployment's previousRev to `gitRev` (a sha, tag or branch), as setDeploymentRev would record it; no side effect. An unknown rev is BAD_USER_INPUT. Empty for the same rev, a first deployment, or when no GitHub or git mirror could compare them. */
  shortlogPreview: Array<ShortlogEntry>;
  /** Every ISO week (UTC) overlapping [from, to), with whole-week figures, by application then week; at most 2 years. Weeks without a finished deployment have no entry. */
  stability: Array<StabilityWeek>;
  /** Jenkins reports that matched no registered job or target, newest first. */
  unmatchedReports: Array<DeploymentReport>;
};


export type QueryApplicationArgs = {
  name: Scalars['String']['input'];
};


export type QueryAuditLogArgs = {
  action?: InputMaybe<Scalars['String']['input']>;
  actor?: InputMaybe<Scalars['String']['input']>;
  limit?: Scalars['Int']['input'];
  since?: InputMaybe<Scalars['DateTime']['input']>;
  subjectId?: InputMaybe<Scalars['String']['input']>;
  subjectType?: InputMaybe<Scalars['String']['input']>;
};


export type QueryDeploymentArgs = {
  id: Scalars['ID']['input'];
};


export type QueryDeploymentsArgs = {
  application?: InputMaybe<Scalars['String']['input']>;
  limit?: Scalars['Int']['input'];
  status?: InputMaybe<DeploymentStatus>;
  weekOf?: InputMaybe<Scalars['String']['input']>;
};


export type QueryOutboxArgs = {
  rolloutId?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<OutboxStatus>;
};


export type QueryRolloutArgs = {
  id: Scalars['ID']['input'];
};


export type QueryRolloutsArgs = {
  limit?: Scalars['Int']['input'];
};


export type QueryShortlogPreviewArgs = {
  deploymentId: Scalars['ID']['input'];
  gitRev: Scalars['String']['input'];
};


export type QueryStabilityArgs = {
  application?: InputMaybe<Scalars['String']['input']>;
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
};


export type QueryUnmatchedReportsArgs = {
  limit?: Scalars['Int']['input'];
};

export type RegisterApplicationInput = {
  description?: InputMaybe<Scalars['String']['input']>;
  githubRepo: Scalars['String']['input'];
  jenkinsJob: Scalars['String']['input'];
  name: Scalars['String']['input'];
  owners?: InputMaybe<Array<Scalars['String']['input']>>;
  slackChannel: Scalars['String']['input'];
  targets: Array<TargetInput>;
};

export type RegistrationTicketInput = {
  githubRepo?: InputMaybe<Scalars['String']['input']>;
  jenkinsJob?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  notes?: InputMaybe<Scalars['String']['input']>;
  slackChannel?: InputMaybe<Scalars['String']['input']>;
};

/** viewer: queries and subscriptions; operator: also every mutation. */
export type Role =
  | 'OPERATOR'
  | 'VIEWER';

/** Production deployments planned and run together: the weekly one or an emergency. */
export type Rollout = {
  __typename?: 'Rollout';
  createdAt: Scalars['DateTime']['output'];
  createdBy?: Maybe<Scalars['String']['output']>;
  /** Prototype reports finished before this were eligible. */
  cutoff?: Maybe<Scalars['DateTime']['output']>;
  deployments: Array<Deployment>;
  /** When a PLANNED, RUNNING or HALTED rollout would finish if each deployment left took its expectedSeconds (unknown: the median of the rollout's, else 5 minutes), following the runner's ordering rules; a HALTED one as if resumed now. Null once COMPLETED. */
  estimatedFinishAt?: Maybe<Scalars['DateTime']['output']>;
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  jiraIssueKey?: Maybe<Scalars['String']['output']>;
  /** The week's Jira ticket page (JIRA_HOST/browse/<key>), once it is open. */
  jiraIssueUrl?: Maybe<Scalars['String']['output']>;
  kind: RolloutKind;
  /** Why an emergency rollout was created, as the operator said; it never changes. Null for weekly rollouts. */
  purpose?: Maybe<Scalars['String']['output']>;
  /** Why it halted (cleared when it runs again); an emergency starts with its purpose here. */
  reason?: Maybe<Scalars['String']['output']>;
  skipped: Array<SkippedApplication>;
  /** Permalink of the SRE channel summary. */
  slackSummaryUrl?: Maybe<Scalars['String']['output']>;
  startedAt?: Maybe<Scalars['DateTime']['output']>;
  status: RolloutStatus;
  /** Bumped on every change: the newer of two copies has the higher version. */
  version: Scalars['Int']['output'];
  /** ISO week of the planning time, e.g. 2026-W49. */
  weekOf?: Maybe<Scalars['String']['output']>;
};

export type RolloutKind =
  | 'EMERGENCY'
  | 'WEEKLY';

export type RolloutStatus =
  | 'COMPLETED'
  | 'HALTED'
  | 'PLANNED'
  | 'RUNNING';

/** What scheduleRollout would plan now. */
export type SchedulePlan = {
  __typename?: 'SchedulePlan';
  cutoff: Scalars['DateTime']['output'];
  deployments: Array<PlannedDeployment>;
  skipped: Array<SkippedApplication>;
  weekOf: Scalars['String']['output'];
};

/** Commits by one author between the production rev and the planned rev. */
export type ShortlogEntry = {
  __typename?: 'ShortlogEntry';
  author: Scalars['String']['output'];
  count: Scalars['Int']['output'];
  subjects: Array<Scalars['String']['output']>;
};

/** An application a plan left out, and why. */
export type SkippedApplication = {
  __typename?: 'SkippedApplication';
  application: Scalars['String']['output'];
  reason: Scalars['String']['output'];
};

/** One application's finished production deployments (SUCCEEDED or FAILED; canceled and blocked ones never ran) in one ISO week of their finish, in UTC. The same figures as the stability_weekly SQL view. */
export type StabilityWeek = {
  __typename?: 'StabilityWeek';
  application: Scalars['String']['output'];
  deployments: Scalars['Int']['output'];
  failed: Scalars['Int']['output'];
  /** Start to finish of the latest attempt, in seconds. */
  meanDurationSeconds?: Maybe<Scalars['Float']['output']>;
  /** Finish of the prototype (staging) run of the rev to its finish in production, in seconds; succeeded deployments planned from a prototype report only. */
  meanLeadTimeSeconds?: Maybe<Scalars['Float']['output']>;
  /** 90th percentile (interpolated) of the duration, in seconds. */
  p90DurationSeconds?: Maybe<Scalars['Float']['output']>;
  /** 90th percentile (interpolated) of the lead time, in seconds. */
  p90LeadTimeSeconds?: Maybe<Scalars['Float']['output']>;
  succeeded: Scalars['Int']['output'];
  /** succeeded / deployments, from 0 to 1. */
  successRate: Scalars['Float']['output'];
  /** ISO week in UTC, 2026-W48. */
  week: Scalars['String']['output'];
};

export type Subscription = {
  __typename?: 'Subscription';
  /** Every change of a deployment of this rollout (status, rev, build…), in version order per deployment. */
  deploymentChanged: Deployment;
  /** Every change of any rollout: planned, started, halted, completed…, in version order per rollout. */
  rolloutChanged: Rollout;
};


export type SubscriptionDeploymentChangedArgs = {
  rolloutId: Scalars['ID']['input'];
};

/** Where an application runs. Production targets deploy one at a time in `order`. */
export type Target = {
  __typename?: 'Target';
  cluster: Scalars['String']['output'];
  currentReport?: Maybe<DeploymentReport>;
  /** Rev of the latest successful report, by finish time. */
  currentRev?: Maybe<Scalars['String']['output']>;
  environment: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  namespace: Scalars['String']['output'];
  order: Scalars['Int']['output'];
  role: TargetRole;
};

export type TargetInput = {
  cluster: Scalars['String']['input'];
  environment: Scalars['String']['input'];
  namespace: Scalars['String']['input'];
  /** Position among production targets; defaults to after the last one. */
  order?: InputMaybe<Scalars['Int']['input']>;
  role: TargetRole;
};

/** PROTOTYPE (staging) targets choose what PRODUCTION targets receive. */
export type TargetRole =
  | 'PRODUCTION'
  | 'PROTOTYPE';

/** Only the fields given change. */
export type UpdateApplicationInput = {
  description?: InputMaybe<Scalars['String']['input']>;
  githubRepo?: InputMaybe<Scalars['String']['input']>;
  jenkinsJob?: InputMaybe<Scalars['String']['input']>;
  /** A new name (slug). */
  name?: InputMaybe<Scalars['String']['input']>;
  owners?: InputMaybe<Array<Scalars['String']['input']>>;
  slackChannel?: InputMaybe<Scalars['String']['input']>;
};
