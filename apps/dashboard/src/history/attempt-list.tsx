import { useQuery } from '../api/hooks';
import { graphql } from '../gql';
import { ExternalLink } from '../ui/external-link';
import { ErrorState, Loading } from '../ui/states';
import { TableHead } from '../ui/table';
import { Duration, Time } from '../ui/time';
import { type Tone, ToneBadge } from '../ui/tone';

const DeploymentAttemptsQuery = graphql(`
  query DeploymentAttempts($id: ID!) {
    deployment(id: $id) {
      id
      attempts {
        ...DeploymentAttemptFields
      }
    }
  }
`);

/** Jenkins results in the status tones: green went well, red failed, amber was stopped, blue/grey still going. */
const RESULT_TONE: Readonly<Record<string, Tone>> = {
  SUCCESS: 'good',
  FAILURE: 'bad',
  UNSTABLE: 'bad',
  ABORTED: 'stopped',
  NOT_BUILT: 'stopped',
  QUEUED: 'waiting',
  STARTED: 'moving',
};

/** The Jenkins builds of one deployment, newest first, read when its row is opened. */
export function AttemptList({ deploymentId }: { deploymentId: string }) {
  const { data, error, loading, reload } = useQuery(DeploymentAttemptsQuery, { id: deploymentId });
  if (error) return <ErrorState error={error} retry={reload} />;
  if (!data) return <Loading what="the Jenkins builds" />;
  const attempts = data.deployment?.attempts ?? [];
  if (attempts.length === 0)
    return <p className="muted">{loading ? 'Loading…' : 'No Jenkins build was reported for this deployment: it was never handed to Jenkins, or Jenkins has not reported yet.'}</p>;
  return (
    <table className="attempts">
      <caption>Jenkins builds, newest first</caption>
      <TableHead columns={['Attempt', 'Build', 'Result', 'Started', 'Finished', 'Duration']} />
      <tbody>
        {attempts.map((attempt) => (
          <tr key={`${attempt.attempt}:${attempt.buildNumber}`}>
            <td>{attempt.attempt}</td>
            <td>
              <ExternalLink href={attempt.buildUrl}>#{attempt.buildNumber}</ExternalLink>
            </td>
            <td>
              <ToneBadge tone={RESULT_TONE[attempt.result] ?? 'waiting'}>{attempt.result}</ToneBadge>
            </td>
            <td>
              <Time value={attempt.startedAt} />
            </td>
            <td>
              <Time value={attempt.finishedAt} />
            </td>
            <td>
              <Duration from={attempt.startedAt} to={attempt.finishedAt} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
