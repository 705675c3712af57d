/** What a deployment's silence covers and says: built in one place so the runner and a restarted runner agree. */
export interface SilencedDeployment {
  deploymentId: string;
  application: string;
  gitRev: string;
  cluster: string;
  namespace: string;
}

const COMMENT_PREFIX = 'Hydrator deployment ';

/** Labels silenced while a deployment runs: everything alerting on the target's cluster and namespace. */
export function silenceMatchersOf(target: { cluster: string; namespace: string }): Record<string, string> {
  return { cluster: target.cluster, namespace: target.namespace };
}

/** `Hydrator deployment <id>: <application> <rev> to <cluster>/<namespace>`: what an on-call engineer reads in the Alertmanager UI. */
export function silenceCommentOf(deployment: SilencedDeployment): string {
  return `${silenceCommentMarker(deployment.deploymentId)} ${deployment.application} ${deployment.gitRev} to ${deployment.cluster}/${deployment.namespace}`;
}

/**
 * The part of the comment that identifies the deployment, to search with (`findSilences(…, { commentContains })`).
 * It ends with the colon so that deployment `4` never matches the silence of deployment `42`.
 */
export function silenceCommentMarker(deploymentId: string): string {
  return `${COMMENT_PREFIX}${deploymentId}:`;
}

/** The deployment id a silence comment was written for, or undefined when Hydrator did not write it. */
export function deploymentIdOfSilenceComment(comment: string): string | undefined {
  if (!comment.startsWith(COMMENT_PREFIX)) return undefined;
  const end = comment.indexOf(':', COMMENT_PREFIX.length);
  const id = end < 0 ? '' : comment.slice(COMMENT_PREFIX.length, end);
  return id && !/\s/.test(id) ? id : undefined;
}
