import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed cancel links: `${PUBLIC_URL}/deployments/<id>/cancel?token=<token>`, sent in a team's Slack message
 * (and the Jira ticket) so the team can cancel its deployment without an operator token. The token is
 * base64url(HMAC-SHA256(CANCEL_LINK_SECRET, "hydrator-cancel-link:v1:<deployment id>")): it names one
 * deployment and can cancel that one only. It never expires by itself; the gateway accepts it only while
 * the deployment is SCHEDULED in a rollout that has not started (PLANNED), so it "expires when the
 * rollout starts" without a clock in the token.
 */
const PURPOSE = 'hydrator-cancel-link:v1:';

/** The token of `deploymentId` under `secret`. */
export function cancelLinkToken(secret: string, deploymentId: string): string {
  return createHmac('sha256', secret).update(`${PURPOSE}${deploymentId}`).digest('base64url');
}

/**
 * Whether `token` is the token of `deploymentId` under one of `secrets` (several during a rotation). Every
 * secret is tried and compared in constant time, so timing says nothing about which, or how much, matched.
 */
export function isCancelLinkToken(secrets: readonly string[], deploymentId: string, token: unknown): boolean {
  if (typeof token !== 'string' || token.length === 0 || token.length > 128) return false;
  const given = Buffer.from(token);
  let valid = false;
  for (const secret of secrets) {
    const expected = Buffer.from(cancelLinkToken(secret, deploymentId));
    if (expected.length === given.length && timingSafeEqual(expected, given)) valid = true;
  }
  return valid;
}

/**
 * The link a team gets to cancel `deploymentId`: signed with the first secret when there is one; without
 * CANCEL_LINK_SECRET, the dashboard's cancel page, where an operator token is needed.
 */
export function cancelLinkUrl(publicUrl: string, secrets: readonly string[], deploymentId: string): string {
  const page = `${publicUrl}/deployments/${encodeURIComponent(deploymentId)}/cancel`;
  return secrets.length ? `${page}?token=${cancelLinkToken(secrets[0], deploymentId)}` : page;
}
