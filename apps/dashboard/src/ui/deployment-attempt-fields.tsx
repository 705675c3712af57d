import { graphql } from '../gql';

/** One Jenkins build of a deployment, as every page that lists attempts reads it. */
export const DeploymentAttemptFieldsFragment = graphql(`
  fragment DeploymentAttemptFields on DeploymentAttempt {
    attempt
    buildNumber
    buildUrl
    result
    startedAt
    finishedAt
  }
`);
