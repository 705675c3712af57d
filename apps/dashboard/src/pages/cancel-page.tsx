import { useCallback, useState } from 'react';
import { useLive, useQuery } from '../api/hooks';
import { CancelForm, type DeploymentState } from '../cancel/cancel-form';
import '../cancel/cancel.css';
import { type CancelableDeployment, DeploymentFacts } from '../cancel/deployment-facts';
import { graphql } from '../gql';
import { Link } from '../router';
import { useDocumentTitle } from '../ui/document-title';
import { EmptyState, ErrorState, Loading } from '../ui/states';

const CancelPageDeploymentQuery = graphql(`
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
`);

const CancelPageDeploymentChanged = graphql(`
  subscription CancelPageDeploymentChanged($rolloutId: ID!) {
    deploymentChanged(rolloutId: $rolloutId) {
      ...CancelPageDeploymentState
    }
  }
`);

/**
 * The page Slack team messages link to (`/deployments/:id/cancel`): the deployment, followed live, and
 * the form that cancels it with a reason.
 */
export function CancelPage({ deploymentId }: { deploymentId: string }) {
  useDocumentTitle('Cancel a deployment');
  const { data, error, reload } = useQuery(CancelPageDeploymentQuery, { id: deploymentId });
  const read = data?.deployment;
  // The newest row the live feed or the cancel itself brought; it wins over the read when its version is higher.
  const [latest, setLatest] = useState<DeploymentState>();
  const receive = useCallback(
    (row: DeploymentState) => {
      if (row.id !== deploymentId) return;
      setLatest((previous) => (previous && previous.id === row.id && previous.version >= row.version ? previous : row));
    },
    [deploymentId],
  );
  const liveProblem = useLive(CancelPageDeploymentChanged, read ? { rolloutId: read.rollout.id } : undefined, (event) => {
    receive(event.deploymentChanged);
    // A new rev has a new shortlog, which the feed does not carry: read the deployment again.
    if (event.deploymentChanged.id === deploymentId && read && event.deploymentChanged.gitRev !== read.gitRev) reload();
  });

  if (error) return <ErrorState error={error} retry={reload} />;
  if (!data) return <Loading what="the deployment" />;
  if (!read)
    return (
      <>
        <h1>Cancel a deployment</h1>
        <EmptyState title={`Not found: no deployment has the id ${deploymentId}.`}>
          <p>
            The link may be mistyped or from another Hydrator. <Link to="/history">History</Link> lists every deployment.
          </p>
        </EmptyState>
      </>
    );
  const deployment: CancelableDeployment = latest && latest.id === read.id && latest.version > read.version ? { ...read, ...latest } : read;
  return (
    <>
      <DeploymentFacts deployment={deployment} />
      <CancelForm key={deployment.id} deployment={deployment} onCanceled={receive} />
      {liveProblem && <p className="muted">Live updates stopped ({liveProblem}): reload the page to see the latest status.</p>}
    </>
  );
}
