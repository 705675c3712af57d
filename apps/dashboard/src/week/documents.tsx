import { graphql } from '../gql';

/** A rollout's own row, as its live events carry it. */
export const WeekRolloutRowFragment = graphql(`
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
`);

/** A deployment's own row, as its live events carry it. */
export const WeekDeploymentRowFragment = graphql(`
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
`);

/** Everything the page shows of a rollout: its row, what is derived from the runner's view, and its deployments. */
export const WeekRolloutFragment = graphql(`
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
`);

export const WeekCurrentQuery = graphql(`
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
`);

export const WeekRolloutByIdQuery = graphql(`
  query WeekRolloutById($id: ID!) {
    rollout(id: $id) {
      ...WeekRollout
    }
  }
`);

export const WeekRolloutChangedSubscription = graphql(`
  subscription WeekRolloutChanged {
    rolloutChanged {
      ...WeekRolloutRow
    }
  }
`);

export const WeekDeploymentChangedSubscription = graphql(`
  subscription WeekDeploymentChanged($rolloutId: ID!) {
    deploymentChanged(rolloutId: $rolloutId) {
      ...WeekDeploymentRow
    }
  }
`);
