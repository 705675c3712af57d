import { createHmac } from 'node:crypto';
import { HydratorError } from '@hydrator/common';
import { verifySlackSignature } from './slack-signature';

const SECRET = '8f14e45fceea167a5a36dedd4bea2543';
const BODY = Buffer.from('payload=%7B%22type%22%3A%22block_actions%22%7D');
const NOW = Date.parse('2026-12-01T10:00:00Z');
const ts = String(NOW / 1000);
/** As Slack computes it (api.slack.com/authentication/verifying-requests-from-slack). */
const sign = (timestamp: string, body: Buffer, secret = SECRET) => `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body.toString()}`).digest('hex')}`;

function refusal(timestamp: unknown, signature: unknown, body = BODY): string | undefined {
  try {
    verifySlackSignature(SECRET, timestamp, signature, body, NOW);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(HydratorError);
    expect((error as HydratorError).code).toBe('UNAUTHENTICATED');
    return (error as HydratorError).message;
  }
}

describe('Slack request signatures', () => {
  it('accepts what Slack signs, up to five minutes away from now either way', () => {
    expect(refusal(ts, sign(ts, BODY))).toBeUndefined();
    for (const skew of [-300, 300]) {
      const at = String(NOW / 1000 + skew);
      expect(refusal(at, sign(at, BODY))).toBeUndefined();
    }
  });

  it('refuses another secret, another body, another timestamp, a replay and a malformed header', () => {
    expect(refusal(ts, sign(ts, BODY, 'another-apps-signing-secret-0123'))).toContain('does not match');
    expect(refusal(ts, sign(ts, BODY), Buffer.from(`${BODY.toString()}x`))).toContain('does not match');
    expect(refusal(String(NOW / 1000 - 1), sign(ts, BODY))).toContain('does not match');
    expect(refusal(ts, sign(ts, BODY).toUpperCase())).toContain('does not match');
    expect(refusal(ts, undefined)).toContain('does not match');
    for (const skew of [-301, 301, -86_400]) {
      const at = String(NOW / 1000 + skew);
      expect(refusal(at, sign(at, BODY))).toContain('more than 5 minutes from now');
    }
    for (const bad of [undefined, '', '12.5', '-1', ['1', '2'], `${ts} `]) expect(refusal(bad, sign(ts, BODY))).toContain('not a Unix time');
  });
});
