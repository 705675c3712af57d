/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Me {\n    me {\n      actor\n      role\n    }\n  }\n": typeof types.MeDocument,
    "\n  fragment ApplicationsPageApplication on Application {\n    id\n    name\n    githubRepo\n    slackChannel\n    jenkinsJob\n    owners\n    description\n    frozen\n    frozenReason\n    frozenUntil\n    freezeScope\n    dependsOn {\n      name\n    }\n    dependents {\n      name\n    }\n    targets {\n      id\n      cluster\n      environment\n      namespace\n      role\n      order\n      currentRev\n      currentReport {\n        id\n        buildNumber\n        buildUrl\n        result\n        finishedAt\n      }\n    }\n  }\n": typeof types.ApplicationsPageApplicationFragmentDoc,
    "\n  query ApplicationsPageFleet {\n    applications {\n      ...ApplicationsPageApplication\n    }\n    fleetFreeze {\n      reason\n      until\n      frozenBy\n      frozenAt\n    }\n  }\n": typeof types.ApplicationsPageFleetDocument,
    "\n  query ApplicationsPagePreview {\n    schedulePreview {\n      weekOf\n      cutoff\n      deployments {\n        application {\n          name\n        }\n        target {\n          id\n          cluster\n        }\n        gitRev\n        previousRev\n      }\n      skipped {\n        application\n        reason\n      }\n    }\n  }\n": typeof types.ApplicationsPagePreviewDocument,
    "\n  mutation ApplicationsPageRegister($input: RegisterApplicationInput!) {\n    registerApplication(input: $input) {\n      id\n      name\n      targets {\n        id\n      }\n    }\n  }\n": typeof types.ApplicationsPageRegisterDocument,
    "\n  mutation ApplicationsPageUpdate($name: String!, $input: UpdateApplicationInput!) {\n    updateApplication(name: $name, input: $input) {\n      id\n      name\n    }\n  }\n": typeof types.ApplicationsPageUpdateDocument,
    "\n  mutation ApplicationsPageAddTarget($application: String!, $input: TargetInput!) {\n    addTarget(application: $application, input: $input) {\n      id\n      cluster\n      environment\n    }\n  }\n": typeof types.ApplicationsPageAddTargetDocument,
    "\n  mutation ApplicationsPageRemoveTarget($id: String!) {\n    removeTarget(id: $id) {\n      id\n      name\n    }\n  }\n": typeof types.ApplicationsPageRemoveTargetDocument,
    "\n  mutation ApplicationsPageAddDependency($application: String!, $dependsOn: String!) {\n    addDependency(application: $application, dependsOn: $dependsOn) {\n      id\n      name\n    }\n  }\n": typeof types.ApplicationsPageAddDependencyDocument,
    "\n  mutation ApplicationsPageRemoveDependency($application: String!, $dependsOn: String!) {\n    removeDependency(application: $application, dependsOn: $dependsOn) {\n      id\n      name\n    }\n  }\n": typeof types.ApplicationsPageRemoveDependencyDocument,
    "\n  mutation ApplicationsPageRequestTicket($input: RegistrationTicketInput!) {\n    requestRegistrationTicket(input: $input) {\n      id\n      status\n      destination\n    }\n  }\n": typeof types.ApplicationsPageRequestTicketDocument,
    "\n  mutation ApplicationsPageFreeze($name: String!, $reason: String!, $until: DateTime) {\n    freezeApplication(name: $name, reason: $reason, until: $until) {\n      id\n      name\n    }\n  }\n": typeof types.ApplicationsPageFreezeDocument,
    "\n  mutation ApplicationsPageThaw($name: String!) {\n    thawApplication(name: $name) {\n      id\n      name\n    }\n  }\n": typeof types.ApplicationsPageThawDocument,
    "\n  mutation ApplicationsPageFreezeAll($reason: String!, $until: DateTime) {\n    freezeAll(reason: $reason, until: $until) {\n      id\n    }\n  }\n": typeof types.ApplicationsPageFreezeAllDocument,
    "\n  mutation ApplicationsPageThawAll {\n    thawAll {\n      id\n    }\n  }\n": typeof types.ApplicationsPageThawAllDocument,
    "\n  mutation ApplicationsPageEmergency($application: String!, $gitRev: String!, $reason: String!, $targets: [ID!]) {\n    createEmergencyDeployment(application: $application, gitRev: $gitRev, reason: $reason, targets: $targets) {\n      id\n      kind\n    }\n  }\n": typeof types.ApplicationsPageEmergencyDocument,
    "\n  fragment CancelPageDeploymentState on Deployment {\n    id\n    status\n    version\n    gitRev\n    previousRev\n    changedBy\n    changeReason\n    error\n    startedAt\n    finishedAt\n  }\n": typeof types.CancelPageDeploymentStateFragmentDoc,
    "\n  mutation CancelPageCancel($id: ID!, $reason: String!) {\n    cancelDeployment(id: $id, reason: $reason) {\n      ...CancelPageDeploymentState\n    }\n  }\n": typeof types.CancelPageCancelDocument,
    "\n  query DeploymentAttempts($id: ID!) {\n    deployment(id: $id) {\n      id\n      attempts {\n        ...DeploymentAttemptFields\n      }\n    }\n  }\n": typeof types.DeploymentAttemptsDocument,
    "\n  query CancelPageDeployment($id: ID!) {\n    deployment(id: $id) {\n      ...CancelPageDeploymentState\n      slackPermalink\n      shortlog {\n        author\n        count\n        subjects\n      }\n      ...DeploymentPlace\n      application {\n        githubRepo\n        slackChannel\n      }\n    }\n  }\n": typeof types.CancelPageDeploymentDocument,
    "\n  subscription CancelPageDeploymentChanged($rolloutId: ID!) {\n    deploymentChanged(rolloutId: $rolloutId) {\n      ...CancelPageDeploymentState\n    }\n  }\n": typeof types.CancelPageDeploymentChangedDocument,
    "\n  query HistoryRollouts($limit: Int!) {\n    rollouts(limit: $limit) {\n      id\n      kind\n      status\n      weekOf\n      reason\n      createdBy\n      createdAt\n      startedAt\n      finishedAt\n    }\n  }\n": typeof types.HistoryRolloutsDocument,
    "\n  query HistoryDeployments($application: String, $status: DeploymentStatus, $weekOf: String, $limit: Int!) {\n    deployments(application: $application, status: $status, weekOf: $weekOf, limit: $limit) {\n      id\n      gitRev\n      previousRev\n      status\n      attempt\n      error\n      startedAt\n      finishedAt\n      ...DeploymentPlace\n    }\n  }\n": typeof types.HistoryDeploymentsDocument,
    "\n  query OutboxMessages($rolloutId: ID, $status: OutboxStatus) {\n    outbox(rolloutId: $rolloutId, status: $status) {\n      id\n      kind\n      destination\n      status\n      text\n      lastError\n      link\n      url\n      createdAt\n      sentAt\n    }\n  }\n": typeof types.OutboxMessagesDocument,
    "\n  query StabilityCharts($from: DateTime!, $to: DateTime!, $application: String) {\n    stability(from: $from, to: $to, application: $application) {\n      application\n      week\n      deployments\n      succeeded\n      failed\n      successRate\n      meanDurationSeconds\n      p90DurationSeconds\n      meanLeadTimeSeconds\n      p90LeadTimeSeconds\n    }\n  }\n": typeof types.StabilityChartsDocument,
    "\n  query FilterApplications {\n    applications {\n      name\n    }\n  }\n": typeof types.FilterApplicationsDocument,
    "\n  fragment DeploymentAttemptFields on DeploymentAttempt {\n    attempt\n    buildNumber\n    buildUrl\n    result\n    startedAt\n    finishedAt\n  }\n": typeof types.DeploymentAttemptFieldsFragmentDoc,
    "\n  fragment DeploymentPlace on Deployment {\n    application {\n      name\n    }\n    target {\n      cluster\n      environment\n      namespace\n    }\n    rollout {\n      id\n      kind\n      weekOf\n    }\n  }\n": typeof types.DeploymentPlaceFragmentDoc,
    "\n  mutation WeekCancelDeployment($id: ID!, $reason: String!) {\n    cancelDeployment(id: $id, reason: $reason) {\n      id\n      status\n      version\n    }\n  }\n": typeof types.WeekCancelDeploymentDocument,
    "\n  mutation WeekRetryDeployment($id: ID!) {\n    retryDeployment(id: $id) {\n      id\n      status\n      version\n    }\n  }\n": typeof types.WeekRetryDeploymentDocument,
    "\n  mutation WeekSetDeploymentRev($id: ID!, $gitRev: String!) {\n    setDeploymentRev(id: $id, gitRev: $gitRev) {\n      id\n      gitRev\n      version\n    }\n  }\n": typeof types.WeekSetDeploymentRevDocument,
    "\n  query WeekShortlogPreview($deploymentId: ID!, $gitRev: String!) {\n    shortlogPreview(deploymentId: $deploymentId, gitRev: $gitRev) {\n      author\n      count\n      subjects\n    }\n  }\n": typeof types.WeekShortlogPreviewDocument,
    "\n  fragment WeekRolloutRow on Rollout {\n    id\n    kind\n    status\n    weekOf\n    cutoff\n    jiraIssueKey\n    jiraIssueUrl\n    slackSummaryUrl\n    reason\n    purpose\n    createdBy\n    createdAt\n    startedAt\n    finishedAt\n    version\n  }\n": typeof types.WeekRolloutRowFragmentDoc,
    "\n  fragment WeekDeploymentRow on Deployment {\n    id\n    status\n    gitRev\n    previousRev\n    attempt\n    error\n    jenkinsBuildUrl\n    jenkinsQueueUrl\n    changeReason\n    startedAt\n    finishedAt\n    version\n  }\n": typeof types.WeekDeploymentRowFragmentDoc,
    "\n  fragment WeekRollout on Rollout {\n    ...WeekRolloutRow\n    estimatedFinishAt\n    skipped {\n      application\n      reason\n    }\n    deployments {\n      ...WeekDeploymentRow\n      waitingFor\n      expectedSeconds\n      attempts {\n        ...DeploymentAttemptFields\n      }\n      application {\n        id\n        name\n        dependsOn {\n          name\n        }\n      }\n      target {\n        id\n        cluster\n        environment\n      }\n    }\n  }\n": typeof types.WeekRolloutFragmentDoc,
    "\n  query WeekCurrent {\n    currentRollout {\n      ...WeekRollout\n    }\n    rollouts(limit: 10) {\n      id\n      kind\n      weekOf\n      status\n    }\n  }\n": typeof types.WeekCurrentDocument,
    "\n  query WeekRolloutById($id: ID!) {\n    rollout(id: $id) {\n      ...WeekRollout\n    }\n  }\n": typeof types.WeekRolloutByIdDocument,
    "\n  subscription WeekRolloutChanged {\n    rolloutChanged {\n      ...WeekRolloutRow\n    }\n  }\n": typeof types.WeekRolloutChangedDocument,
    "\n  subscription WeekDeploymentChanged($rolloutId: ID!) {\n    deploymentChanged(rolloutId: $rolloutId) {\n      ...WeekDeploymentRow\n    }\n  }\n": typeof types.WeekDeploymentChangedDocument,
    "\n  query WeekSchedulePreview {\n    schedulePreview {\n      weekOf\n      cutoff\n      deployments {\n        application {\n          name\n        }\n        target {\n          id\n          cluster\n          environment\n        }\n        gitRev\n        previousRev\n        sourceFinishedAt\n      }\n      skipped {\n        application\n        reason\n      }\n    }\n  }\n": typeof types.WeekSchedulePreviewDocument,
    "\n  mutation WeekScheduleRollout {\n    scheduleRollout {\n      id\n      weekOf\n      status\n      version\n    }\n  }\n": typeof types.WeekScheduleRolloutDocument,
    "\n  mutation WeekRunRollout($id: ID!) {\n    runRollout(id: $id) {\n      id\n      status\n      version\n    }\n  }\n": typeof types.WeekRunRolloutDocument,
};
const documents: Documents = {
    "\n  query Me {\n    me {\n      actor\n      role\n    }\n  }\n": types.MeDocument,
    "\n  fragment ApplicationsPageApplication on Application {\n    id\n    name\n    githubRepo\n    slackChannel\n    jenkinsJob\n    owners\n    description\n    frozen\n    frozenReason\n    frozenUntil\n    freezeScope\n    dependsOn {\n      name\n    }\n    dependents {\n      name\n    }\n    targets {\n      id\n      cluster\n      environment\n      namespace\n      role\n      order\n      currentRev\n      currentReport {\n        id\n        buildNumber\n        buildUrl\n        result\n        finishedAt\n      }\n    }\n  }\n": types.ApplicationsPageApplicationFragmentDoc,
    "\n  query ApplicationsPageFleet {\n    applications {\n      ...ApplicationsPageApplication\n    }\n    fleetFreeze {\n      reason\n      until\n      frozenBy\n      frozenAt\n    }\n  }\n": types.ApplicationsPageFleetDocument,
    "\n  query ApplicationsPagePreview {\n    schedulePreview {\n      weekOf\n      cutoff\n      deployments {\n        application {\n          name\n        }\n        target {\n          id\n          cluster\n        }\n        gitRev\n        previousRev\n      }\n      skipped {\n        application\n        reason\n      }\n    }\n  }\n": types.ApplicationsPagePreviewDocument,
    "\n  mutation ApplicationsPageRegister($input: RegisterApplicationInput!) {\n    registerApplication(input: $input) {\n      id\n      name\n      targets {\n        id\n      }\n    }\n  }\n": types.ApplicationsPageRegisterDocument,
    "\n  mutation ApplicationsPageUpdate($name: String!, $input: UpdateApplicationInput!) {\n    updateApplication(name: $name, input: $input) {\n      id\n      name\n    }\n  }\n": types.ApplicationsPageUpdateDocument,
    "\n  mutation ApplicationsPageAddTarget($application: String!, $input: TargetInput!) {\n    addTarget(application: $application, input: $input) {\n      id\n      cluster\n      environment\n    }\n  }\n": types.ApplicationsPageAddTargetDocument,
    "\n  mutation ApplicationsPageRemoveTarget($id: String!) {\n    removeTarget(id: $id) {\n      id\n      name\n    }\n  }\n": types.ApplicationsPageRemoveTargetDocument,
    "\n  mutation ApplicationsPageAddDependency($application: String!, $dependsOn: String!) {\n    addDependency(application: $application, dependsOn: $dependsOn) {\n      id\n      name\n    }\n  }\n": types.ApplicationsPageAddDependencyDocument,
    "\n  mutation ApplicationsPageRemoveDependency($application: String!, $dependsOn: String!) {\n    removeDependency(application: $application, dependsOn: $dependsOn) {\n      id\n      name\n    }\n  }\n": types.ApplicationsPageRemoveDependencyDocument,
    "\n  mutation ApplicationsPageRequestTicket($input: RegistrationTicketInput!) {\n    requestRegistrationTicket(input: $input) {\n      id\n      status\n      destination\n    }\n  }\n": types.ApplicationsPageRequestTicketDocument,
    "\n  mutation ApplicationsPageFreeze($name: String!, $reason: String!, $until: DateTime) {\n    freezeApplication(name: $name, reason: $reason, until: $until) {\n      id\n      name\n    }\n  }\n": types.ApplicationsPageFreezeDocument,
    "\n  mutation ApplicationsPageThaw($name: String!) {\n    thawApplication(name: $name) {\n      id\n      name\n    }\n  }\n": types.ApplicationsPageThawDocument,
    "\n  mutation ApplicationsPageFreezeAll($reason: String!, $until: DateTime) {\n    freezeAll(reason: $reason, until: $until) {\n      id\n    }\n  }\n": types.ApplicationsPageFreezeAllDocument,
    "\n  mutation ApplicationsPageThawAll {\n    thawAll {\n      id\n    }\n  }\n": types.ApplicationsPageThawAllDocument,
    "\n  mutation ApplicationsPageEmergency($application: String!, $gitRev: String!, $reason: String!, $targets: [ID!]) {\n    createEmergencyDeployment(application: $application, gitRev: $gitRev, reason: $reason, targets: $targets) {\n      id\n      kind\n    }\n  }\n": types.ApplicationsPageEmergencyDocument,
    "\n  fragment CancelPageDeploymentState on Deployment {\n    id\n    status\n    version\n    gitRev\n    previousRev\n    changedBy\n    changeReason\n    error\n    startedAt\n    finishedAt\n  }\n": types.CancelPageDeploymentStateFragmentDoc,
    "\n  mutation CancelPageCancel($id: ID!, $reason: String!) {\n    cancelDeployment(id: $id, reason: $reason) {\n      ...CancelPageDeploymentState\n    }\n  }\n": types.CancelPageCancelDocument,
    "\n  query DeploymentAttempts($id: ID!) {\n    deployment(id: $id) {\n      id\n      attempts {\n        ...DeploymentAttemptFields\n      }\n    }\n  }\n": types.DeploymentAttemptsDocument,
    "\n  query CancelPageDeployment($id: ID!) {\n    deployment(id: $id) {\n      ...CancelPageDeploymentState\n      slackPermalink\n      shortlog {\n        author\n        count\n        subjects\n      }\n      ...DeploymentPlace\n      application {\n        githubRepo\n        slackChannel\n      }\n    }\n  }\n": types.CancelPageDeploymentDocument,
    "\n  subscription CancelPageDeploymentChanged($rolloutId: ID!) {\n    deploymentChanged(rolloutId: $rolloutId) {\n      ...CancelPageDeploymentState\n    }\n  }\n": types.CancelPageDeploymentChangedDocument,
    "\n  query HistoryRollouts($limit: Int!) {\n    rollouts(limit: $limit) {\n      id\n      kind\n      status\n      weekOf\n      reason\n      createdBy\n      createdAt\n      startedAt\n      finishedAt\n    }\n  }\n": types.HistoryRolloutsDocument,
    "\n  query HistoryDeployments($application: String, $status: DeploymentStatus, $weekOf: String, $limit: Int!) {\n    deployments(application: $application, status: $status, weekOf: $weekOf, limit: $limit) {\n      id\n      gitRev\n      previousRev\n      status\n      attempt\n      error\n      startedAt\n      finishedAt\n      ...DeploymentPlace\n    }\n  }\n": types.HistoryDeploymentsDocument,
    "\n  query OutboxMessages($rolloutId: ID, $status: OutboxStatus) {\n    outbox(rolloutId: $rolloutId, status: $status) {\n      id\n      kind\n      destination\n      status\n      text\n      lastError\n      link\n      url\n      createdAt\n      sentAt\n    }\n  }\n": types.OutboxMessagesDocument,
    "\n  query StabilityCharts($from: DateTime!, $to: DateTime!, $application: String) {\n    stability(from: $from, to: $to, application: $application) {\n      application\n      week\n      deployments\n      succeeded\n      failed\n      successRate\n      meanDurationSeconds\n      p90DurationSeconds\n      meanLeadTimeSeconds\n      p90LeadTimeSeconds\n    }\n  }\n": types.StabilityChartsDocument,
    "\n  query FilterApplications {\n    applications {\n      name\n    }\n  }\n": types.FilterApplicationsDocument,
    "\n  fragment DeploymentAttemptFields on DeploymentAttempt {\n    attempt\n    buildNumber\n    buildUrl\n    result\n    startedAt\n    finishedAt\n  }\n": types.DeploymentAttemptFieldsFragmentDoc,
    "\n  fragment DeploymentPlace on Deployment {\n    application {\n      name\n    }\n    target {\n      cluster\n      environment\n      namespace\n    }\n    rollout {\n      id\n      kind\n      weekOf\n    }\n  }\n": types.DeploymentPlaceFragmentDoc,
    "\n  mutation WeekCancelDeployment($id: ID!, $reason: String!) {\n    cancelDeployment(id: $id, reason: $reason) {\n      id\n      status\n      version\n    }\n  }\n": types.WeekCancelDeploymentDocument,
    "\n  mutation WeekRetryDeployment($id: ID!) {\n    retryDeployment(id: $id) {\n      id\n      status\n      version\n    }\n  }\n": types.WeekRetryDeploymentDocument,
    "\n  mutation WeekSetDeploymentRev($id: ID!, $gitRev: String!) {\n    setDeploymentRev(id: $id, gitRev: $gitRev) {\n      id\n      gitRev\n      version\n    }\n  }\n": types.WeekSetDeploymentRevDocument,
    "\n  query WeekShortlogPreview($deploymentId: ID!, $gitRev: String!) {\n    shortlogPreview(deploymentId: $deploymentId, gitRev: $gitRev) {\n      author\n      count\n      subjects\n    }\n  }\n": types.WeekShortlogPreviewDocument,
    "\n  fragment WeekRolloutRow on Rollout {\n    id\n    kind\n    status\n    weekOf\n    cutoff\n    jiraIssueKey\n    jiraIssueUrl\n    slackSummaryUrl\n    reason\n    purpose\n    createdBy\n    createdAt\n    startedAt\n    finishedAt\n    version\n  }\n": types.WeekRolloutRowFragmentDoc,
    "\n  fragment WeekDeploymentRow on Deployment {\n    id\n    status\n    gitRev\n    previousRev\n    attempt\n    error\n    jenkinsBuildUrl\n    jenkinsQueueUrl\n    changeReason\n    startedAt\n    finishedAt\n    version\n  }\n": types.WeekDeploymentRowFragmentDoc,
    "\n  fragment WeekRollout on Rollout {\n    ...WeekRolloutRow\n    estimatedFinishAt\n    skipped {\n      application\n      reason\n    }\n    deployments {\n      ...WeekDeploymentRow\n      waitingFor\n      expectedSeconds\n      attempts {\n        ...DeploymentAttemptFields\n      }\n      application {\n        id\n        name\n        dependsOn {\n          name\n        }\n      }\n      target {\n        id\n        cluster\n        environment\n      }\n    }\n  }\n": types.WeekRolloutFragmentDoc,
    "\n  query WeekCurrent {\n    currentRollout {\n      ...WeekRollout\n    }\n    rollouts(limit: 10) {\n      id\n      kind\n      weekOf\n      status\n    }\n  }\n": types.WeekCurrentDocument,
    "\n  query WeekRolloutById($id: ID!) {\n    rollout(id: $id) {\n      ...WeekRollout\n    }\n  }\n": types.WeekRolloutByIdDocument,
    "\n  subscription WeekRolloutChanged {\n    rolloutChanged {\n      ...WeekRolloutRow\n    }\n  }\n": types.WeekRolloutChangedDocument,
    "\n  subscription WeekDeploymentChanged($rolloutId: ID!) {\n    deploymentChanged(rolloutId: $rolloutId) {\n      ...WeekDeploymentRow\n    }\n  }\n": types.WeekDeploymentChangedDocument,
    "\n  query WeekSchedulePreview {\n    schedulePreview {\n      weekOf\n      cutoff\n      deployments {\n        application {\n          name\n        }\n        target {\n          id\n          cluster\n          environment\n        }\n        gitRev\n        previousRev\n        sourceFinishedAt\n      }\n      skipped {\n        application\n        reason\n      }\n    }\n  }\n": types.WeekSchedulePreviewDocument,
    "\n  mutation WeekScheduleRollout {\n    scheduleRollout {\n      id\n      weekOf\n      status\n      version\n    }\n  }\n": types.WeekScheduleRolloutDocument,
    "\n  mutation WeekRunRollout($id: ID!) {\n    runRollout(id: $id) {\n      id\n      status\n      version\n    }\n  }\n": types.WeekRunRolloutDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      actor\n      role\n    }\n  }\n"): typeof import('./graphql').MeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ApplicationsPageApplication on Application {\n    id\n    name\n    githubRepo\n    slackChannel\n    jenkinsJob\n    owners\n    description\n    frozen\n    frozenReason\n    frozenUntil\n    freezeScope\n    dependsOn {\n      name\n    }\n    dependents {\n      name\n    }\n    targets {\n      id\n      cluster\n      environment\n      namespace\n      role\n      order\n      currentRev\n      currentReport {\n        id\n        buildNumber\n        buildUrl\n        result\n        finishedAt\n      }\n    }\n  }\n"): typeof import('./graphql').ApplicationsPageApplicationFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApplicationsPageFleet {\n    applications {\n      ...ApplicationsPageApplication\n    }\n    fleetFreeze {\n      reason\n      until\n      frozenBy\n      frozenAt\n    }\n  }\n"): typeof import('./graphql').ApplicationsPageFleetDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApplicationsPagePreview {\n    schedulePreview {\n      weekOf\n      cutoff\n      deployments {\n        application {\n          name\n        }\n        target {\n          id\n          cluster\n        }\n        gitRev\n        previousRev\n      }\n      skipped {\n        application\n        reason\n      }\n    }\n  }\n"): typeof import('./graphql').ApplicationsPagePreviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApplicationsPageRegister($input: RegisterApplicationInput!) {\n    registerApplication(input: $input) {\n      id\n      name\n      targets {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').ApplicationsPageRegisterDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApplicationsPageUpdate($name: String!, $input: UpdateApplicationInput!) {\n    updateApplication(name: $name, input: $input) {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').ApplicationsPageUpdateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApplicationsPageAddTarget($application: String!, $input: TargetInput!) {\n    addTarget(application: $application, input: $input) {\n      id\n      cluster\n      environment\n    }\n  }\n"): typeof import('./graphql').ApplicationsPageAddTargetDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApplicationsPageRemoveTarget($id: String!) {\n    removeTarget(id: $id) {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').ApplicationsPageRemoveTargetDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApplicationsPageAddDependency($application: String!, $dependsOn: String!) {\n    addDependency(application: $application, dependsOn: $dependsOn) {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').ApplicationsPageAddDependencyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApplicationsPageRemoveDependency($application: String!, $dependsOn: String!) {\n    removeDependency(application: $application, dependsOn: $dependsOn) {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').ApplicationsPageRemoveDependencyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApplicationsPageRequestTicket($input: RegistrationTicketInput!) {\n    requestRegistrationTicket(input: $input) {\n      id\n      status\n      destination\n    }\n  }\n"): typeof import('./graphql').ApplicationsPageRequestTicketDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApplicationsPageFreeze($name: String!, $reason: String!, $until: DateTime) {\n    freezeApplication(name: $name, reason: $reason, until: $until) {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').ApplicationsPageFreezeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApplicationsPageThaw($name: String!) {\n    thawApplication(name: $name) {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').ApplicationsPageThawDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApplicationsPageFreezeAll($reason: String!, $until: DateTime) {\n    freezeAll(reason: $reason, until: $until) {\n      id\n    }\n  }\n"): typeof import('./graphql').ApplicationsPageFreezeAllDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApplicationsPageThawAll {\n    thawAll {\n      id\n    }\n  }\n"): typeof import('./graphql').ApplicationsPageThawAllDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApplicationsPageEmergency($application: String!, $gitRev: String!, $reason: String!, $targets: [ID!]) {\n    createEmergencyDeployment(application: $application, gitRev: $gitRev, reason: $reason, targets: $targets) {\n      id\n      kind\n    }\n  }\n"): typeof import('./graphql').ApplicationsPageEmergencyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CancelPageDeploymentState on Deployment {\n    id\n    status\n    version\n    gitRev\n    previousRev\n    changedBy\n    changeReason\n    error\n    startedAt\n    finishedAt\n  }\n"): typeof import('./graphql').CancelPageDeploymentStateFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelPageCancel($id: ID!, $reason: String!) {\n    cancelDeployment(id: $id, reason: $reason) {\n      ...CancelPageDeploymentState\n    }\n  }\n"): typeof import('./graphql').CancelPageCancelDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeploymentAttempts($id: ID!) {\n    deployment(id: $id) {\n      id\n      attempts {\n        ...DeploymentAttemptFields\n      }\n    }\n  }\n"): typeof import('./graphql').DeploymentAttemptsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CancelPageDeployment($id: ID!) {\n    deployment(id: $id) {\n      ...CancelPageDeploymentState\n      slackPermalink\n      shortlog {\n        author\n        count\n        subjects\n      }\n      ...DeploymentPlace\n      application {\n        githubRepo\n        slackChannel\n      }\n    }\n  }\n"): typeof import('./graphql').CancelPageDeploymentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription CancelPageDeploymentChanged($rolloutId: ID!) {\n    deploymentChanged(rolloutId: $rolloutId) {\n      ...CancelPageDeploymentState\n    }\n  }\n"): typeof import('./graphql').CancelPageDeploymentChangedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HistoryRollouts($limit: Int!) {\n    rollouts(limit: $limit) {\n      id\n      kind\n      status\n      weekOf\n      reason\n      createdBy\n      createdAt\n      startedAt\n      finishedAt\n    }\n  }\n"): typeof import('./graphql').HistoryRolloutsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HistoryDeployments($application: String, $status: DeploymentStatus, $weekOf: String, $limit: Int!) {\n    deployments(application: $application, status: $status, weekOf: $weekOf, limit: $limit) {\n      id\n      gitRev\n      previousRev\n      status\n      attempt\n      error\n      startedAt\n      finishedAt\n      ...DeploymentPlace\n    }\n  }\n"): typeof import('./graphql').HistoryDeploymentsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OutboxMessages($rolloutId: ID, $status: OutboxStatus) {\n    outbox(rolloutId: $rolloutId, status: $status) {\n      id\n      kind\n      destination\n      status\n      text\n      lastError\n      link\n      url\n      createdAt\n      sentAt\n    }\n  }\n"): typeof import('./graphql').OutboxMessagesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StabilityCharts($from: DateTime!, $to: DateTime!, $application: String) {\n    stability(from: $from, to: $to, application: $application) {\n      application\n      week\n      deployments\n      succeeded\n      failed\n      successRate\n      meanDurationSeconds\n      p90DurationSeconds\n      meanLeadTimeSeconds\n      p90LeadTimeSeconds\n    }\n  }\n"): typeof import('./graphql').StabilityChartsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FilterApplications {\n    applications {\n      name\n    }\n  }\n"): typeof import('./graphql').FilterApplicationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DeploymentAttemptFields on DeploymentAttempt {\n    attempt\n    buildNumber\n    buildUrl\n    result\n    startedAt\n    finishedAt\n  }\n"): typeof import('./graphql').DeploymentAttemptFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DeploymentPlace on Deployment {\n    application {\n      name\n    }\n    target {\n      cluster\n      environment\n      namespace\n    }\n    rollout {\n      id\n      kind\n      weekOf\n    }\n  }\n"): typeof import('./graphql').DeploymentPlaceFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WeekCancelDeployment($id: ID!, $reason: String!) {\n    cancelDeployment(id: $id, reason: $reason) {\n      id\n      status\n      version\n    }\n  }\n"): typeof import('./graphql').WeekCancelDeploymentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WeekRetryDeployment($id: ID!) {\n    retryDeployment(id: $id) {\n      id\n      status\n      version\n    }\n  }\n"): typeof import('./graphql').WeekRetryDeploymentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WeekSetDeploymentRev($id: ID!, $gitRev: String!) {\n    setDeploymentRev(id: $id, gitRev: $gitRev) {\n      id\n      gitRev\n      version\n    }\n  }\n"): typeof import('./graphql').WeekSetDeploymentRevDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WeekShortlogPreview($deploymentId: ID!, $gitRev: String!) {\n    shortlogPreview(deploymentId: $deploymentId, gitRev: $gitRev) {\n      author\n      count\n      subjects\n    }\n  }\n"): typeof import('./graphql').WeekShortlogPreviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WeekRolloutRow on Rollout {\n    id\n    kind\n    status\n    weekOf\n    cutoff\n    jiraIssueKey\n    jiraIssueUrl\n    slackSummaryUrl\n    reason\n    purpose\n    createdBy\n    createdAt\n    startedAt\n    finishedAt\n    version\n  }\n"): typeof import('./graphql').WeekRolloutRowFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WeekDeploymentRow on Deployment {\n    id\n    status\n    gitRev\n    previousRev\n    attempt\n    error\n    jenkinsBuildUrl\n    jenkinsQueueUrl\n    changeReason\n    startedAt\n    finishedAt\n    version\n  }\n"): typeof import('./graphql').WeekDeploymentRowFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WeekRollout on Rollout {\n    ...WeekRolloutRow\n    estimatedFinishAt\n    skipped {\n      application\n      reason\n    }\n    deployments {\n      ...WeekDeploymentRow\n      waitingFor\n      expectedSeconds\n      attempts {\n        ...DeploymentAttemptFields\n      }\n      application {\n        id\n        name\n        dependsOn {\n          name\n        }\n      }\n      target {\n        id\n        cluster\n        environment\n      }\n    }\n  }\n"): typeof import('./graphql').WeekRolloutFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WeekCurrent {\n    currentRollout {\n      ...WeekRollout\n    }\n    rollouts(limit: 10) {\n      id\n      kind\n      weekOf\n      status\n    }\n  }\n"): typeof import('./graphql').WeekCurrentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WeekRolloutById($id: ID!) {\n    rollout(id: $id) {\n      ...WeekRollout\n    }\n  }\n"): typeof import('./graphql').WeekRolloutByIdDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription WeekRolloutChanged {\n    rolloutChanged {\n      ...WeekRolloutRow\n    }\n  }\n"): typeof import('./graphql').WeekRolloutChangedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription WeekDeploymentChanged($rolloutId: ID!) {\n    deploymentChanged(rolloutId: $rolloutId) {\n      ...WeekDeploymentRow\n    }\n  }\n"): typeof import('./graphql').WeekDeploymentChangedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WeekSchedulePreview {\n    schedulePreview {\n      weekOf\n      cutoff\n      deployments {\n        application {\n          name\n        }\n        target {\n          id\n          cluster\n          environment\n        }\n        gitRev\n        previousRev\n        sourceFinishedAt\n      }\n      skipped {\n        application\n        reason\n      }\n    }\n  }\n"): typeof import('./graphql').WeekSchedulePreviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WeekScheduleRollout {\n    scheduleRollout {\n      id\n      weekOf\n      status\n      version\n    }\n  }\n"): typeof import('./graphql').WeekScheduleRolloutDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WeekRunRollout($id: ID!) {\n    runRollout(id: $id) {\n      id\n      status\n      version\n    }\n  }\n"): typeof import('./graphql').WeekRunRolloutDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
