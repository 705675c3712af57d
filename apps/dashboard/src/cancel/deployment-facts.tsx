import type { CancelPageDeploymentQuery } from '../gql/graphql';
import { ExternalLink } from '../ui/external-link';
import { RevChange, targetLabel } from '../ui/rev';
import { RolloutLink } from '../ui/rollout-link';
import { Shortlog } from '../ui/shortlog';
import { StatusBadge } from '../ui/status';
import { Time } from '../ui/time';

export type CancelableDeployment = NonNullable<CancelPageDeploymentQuery['deployment']>;

/** The cancel page's heading and what the team is asked about: which application goes where, from which rev to which, and the commits in between. */
export function DeploymentFacts({ deployment }: { deployment: CancelableDeployment }) {
  const { application, target } = deployment;
  return (
    <>
      <h1>Cancel a deployment</h1>
      <p className="lead">
        {application.name} to {targetLabel(target)}
      </p>
      <dl className="facts">
        <dt>Application</dt>
        <dd>
          <strong>{application.name}</strong> (GitHub <code>{application.githubRepo}</code>, Slack <code>{application.slackChannel}</code>)
        </dd>
        <dt>Target</dt>
        <dd>
          {targetLabel(target)}, namespace <code>{target.namespace}</code>
        </dd>
        <dt>Revs</dt>
        <dd>
          <RevChange from={deployment.previousRev} to={deployment.gitRev} />
        </dd>
        <dt>Status</dt>
        <dd id="deployment-status" aria-live="polite">
          <StatusBadge status={deployment.status} />
          {deployment.error && <span className="facts-error"> {deployment.error}</span>}
        </dd>
        <dt>Rollout</dt>
        <dd>
          <RolloutLink rollout={deployment.rollout} />
        </dd>
        {(deployment.startedAt || deployment.finishedAt) && (
          <>
            <dt>Ran</dt>
            <dd>
              <Time value={deployment.startedAt} /> → <Time value={deployment.finishedAt} />
            </dd>
          </>
        )}
        {deployment.slackPermalink && (
          <>
            <dt>Team message</dt>
            <dd>
              <ExternalLink href={deployment.slackPermalink}>on Slack</ExternalLink>
            </dd>
          </>
        )}
      </dl>
      <h2>What changes</h2>
      <Shortlog entries={deployment.shortlog} />
    </>
  );
}
