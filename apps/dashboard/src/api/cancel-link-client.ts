import type { RolloutStatus } from '../gql/schema-types';
import type { CancelableDeployment } from '../cancel/deployment-facts';
import { GraphqlRequestError } from './graphql-client';

/**
 * A deployment as its signed cancel link shows it (GET /api/cancel-links/:id): what the cancel page reads
 * through GraphQL, plus its rollout's status and whether the link may still cancel it.
 */
export type CancelLinkDeployment = CancelableDeployment & {
  rollout: CancelableDeployment['rollout'] & { status: RolloutStatus };
  cancelable: boolean;
  /** Why the link may not cancel it, in the gateway's words. */
  notCancelable: string | null;
};

/** The deployment a signed link names; refused (UNAUTHENTICATED) when the token is not that deployment's. */
export function readCancelLink(deploymentId: string, token: string): Promise<CancelLinkDeployment> {
  return request(`/api/cancel-links/${encodeURIComponent(deploymentId)}?token=${encodeURIComponent(token)}`, { method: 'GET' });
}

/** Cancels the deployment through its signed link, with the reason; the deployment as it is now. */
export function cancelThroughLink(deploymentId: string, token: string, reason: string): Promise<CancelLinkDeployment> {
  return request(`/api/cancel-links/${encodeURIComponent(deploymentId)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, reason }),
  });
}

/** The gateway's REST answers: the JSON, or `{ error: CODE, message }` as a request error like GraphQL's. */
async function request(url: string, init: RequestInit): Promise<CancelLinkDeployment> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new GraphqlRequestError('The gateway cannot be reached: check that Hydrator is running, then try again.', 'NETWORK');
  }
  const body = (await response.json().catch(() => ({}))) as Partial<CancelLinkDeployment> & { error?: string; message?: string; field?: string };
  if (!response.ok) throw new GraphqlRequestError(body.message ?? `The gateway answered ${response.status}.`, body.error ?? `HTTP_${response.status}`, body.field);
  return body as CancelLinkDeployment;
}
