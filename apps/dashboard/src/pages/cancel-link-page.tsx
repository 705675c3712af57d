import { useCallback, useEffect, useState } from 'react';
import { CancelLinkDeployment, cancelThroughLink, readCancelLink } from '../api/cancel-link-client';
import { GraphqlRequestError } from '../api/graphql-client';
import { CancelPanel, notCancelable } from '../cancel/cancel-form';
import '../cancel/cancel.css';
import { DeploymentFacts } from '../cancel/deployment-facts';
import { Link } from '../router';
import { useDocumentTitle } from '../ui/document-title';
import { EmptyState, ErrorState, Loading } from '../ui/states';

/**
 * The cancel page opened from the signed link of a team's Slack message (`/deployments/:id/cancel?token=…`):
 * no sign-in, the deployment read and canceled through /api/cancel-links with the link's token, which can
 * cancel this deployment only, and only until its rollout starts. Without a token the page is the
 * operator's (CancelPage).
 */
export function CancelLinkPage({ deploymentId, token }: { deploymentId: string; token: string }) {
  useDocumentTitle('Cancel a deployment');
  const [deployment, setDeployment] = useState<CancelLinkDeployment>();
  const [problem, setProblem] = useState<GraphqlRequestError>();
  const [generation, setGeneration] = useState(0);
  const [pending, setPending] = useState(false);
  const [refusal, setRefusal] = useState<GraphqlRequestError>();

  useEffect(() => {
    let current = true;
    readCancelLink(deploymentId, token).then(
      (read) => current && setDeployment(read),
      (error: unknown) => current && setProblem(error as GraphqlRequestError),
    );
    return () => {
      current = false;
    };
  }, [deploymentId, token, generation]);

  const cancel = useCallback(
    async (reason: string) => {
      setPending(true);
      setRefusal(undefined);
      try {
        setDeployment(await cancelThroughLink(deploymentId, token, reason));
        return true;
      } catch (error) {
        setRefusal(error as GraphqlRequestError);
        return false;
      } finally {
        setPending(false);
      }
    },
    [deploymentId, token],
  );

  if (problem?.code === 'UNAUTHENTICATED' || problem?.code === 'NOT_FOUND')
    return (
      <>
        <h1>Cancel a deployment</h1>
        <EmptyState title={problem.code === 'NOT_FOUND' ? `Not found: no deployment has the id ${deploymentId}.` : 'This cancel link is not valid.'}>
          <p>{problem.message}</p>
          <p>
            <Link to={`/deployments/${encodeURIComponent(deploymentId)}/cancel`}>Sign in with a Hydrator token instead</Link>.
          </p>
        </EmptyState>
      </>
    );
  if (problem) return <ErrorState error={problem} retry={() => (setProblem(undefined), setGeneration((n) => n + 1))} />;
  if (!deployment) return <Loading what="the deployment" />;
  return (
    <>
      <DeploymentFacts deployment={deployment} />
      <CancelPanel
        key={deployment.id}
        deployment={deployment}
        notCancelable={deployment.cancelable ? undefined : linkNotCancelable(deployment)}
        note={<p className="muted">You opened this page from the cancel link of the team message: it cancels this deployment only, and only until the rollout starts.</p>}
        pending={pending}
        error={refusal}
        cancel={cancel}
      />
    </>
  );
}

/** A canceled or finished deployment in its status's words; anything else: the link expired when the rollout started. */
function linkNotCancelable(deployment: CancelLinkDeployment): string {
  if (deployment.status === 'CANCELED' || deployment.status === 'SUCCEEDED') return notCancelable(deployment);
  return `This link can no longer cancel: ${deployment.notCancelable ?? `the deployment is ${deployment.status}`}.`;
}
