import { ConfigError, loadConfig } from './hydrator-config';
import { weakSecretReason } from './credentials';

const STRONG = '9f3c2a7b1e4d8c6a0b5f2e7d';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('credentials refused at startup', () => {
  it.each([
    ['', 'is empty'],
    ['short-token', 'shorter than 16'],
    ['aaaaaaaaaaaaaaaaaaaa', 'one character repeated'],
    ['<operator-token-here>', 'template'],
    ['${OPERATOR_TOKEN_VALUE}', 'template'],
    ['change-me-to-a-long-random-string', 'placeholder'],
    ['password-12345678', 'placeholder'],
    ['secretsecretsecret', 'placeholder'],
    ['replace_me_with_a_real_one', 'placeholder'],
  ])('%j %s', (secret, reason) => {
    expect(weakSecretReason(secret)).toContain(reason);
  });

  it.each(['op-token-for-tests', STRONG, 'webhook-secret-for-tests', '12345678901234567890123'])('accepts %j', (secret) => {
    expect(weakSecretReason(secret)).toBeUndefined();
  });

  it('names the variable and entry of every weak token and never echoes a token', () => {
    const problems = problemsOf({
      HYDRATOR_OPERATOR_TOKENS: `alice:${STRONG},bob:change-me-please-now,carol:`,
      HYDRATOR_VIEWER_TOKENS: 'tiny',
      JENKINS_WEBHOOK_SECRET: 'changeme',
    });
    expect(problems).toEqual([
      expect.stringMatching(/^JENKINS_WEBHOOK_SECRET is shorter than 16 characters/),
      expect.stringMatching(/^HYDRATOR_OPERATOR_TOKENS entry 2 \("bob"\) starts with the placeholder "changeme"/),
      expect.stringMatching(/^HYDRATOR_OPERATOR_TOKENS entry 3 \("carol"\) is empty/),
      expect.stringMatching(/^HYDRATOR_VIEWER_TOKENS is shorter than 16 characters/),
    ]);
    expect(problems.join('\n')).not.toMatch(/change-me-please-now|tiny|changeme:/);
  });

  it('refuses a list with an empty entry', () => {
    expect(problemsOf({ HYDRATOR_OPERATOR_TOKENS: `alice:${STRONG},,` })).toEqual([expect.stringContaining('entry 2 is empty'), expect.stringContaining('entry 3 is empty')]);
  });

  it('treats an unset or empty variable as no tokens (docker compose passes unset variables as empty)', () => {
    const config = loadConfig({ HYDRATOR_VIEWER_TOKENS: '', JENKINS_WEBHOOK_SECRET: '' });
    expect(config.viewerTokens).toEqual([]);
    expect(config.jenkinsWebhookSecrets).toEqual([]);
    expect(config.jenkinsWebhookSecret).toBeUndefined();
  });

  it('accepts several webhook secrets so the secret can be rotated without refusing a report', () => {
    const next = 'c0ffee5eed1234abcd9876ef';
    const config = loadConfig({ JENKINS_WEBHOOK_SECRET: `${STRONG}, ${next}` });
    expect(config.jenkinsWebhookSecrets).toEqual([STRONG, next]);
    expect(config.jenkinsWebhookSecret).toBe(STRONG);
  });

  it('checks the Slack signing secret and the cancel-link secrets like the others, and wants SLACK_TOKEN with the signing secret', () => {
    expect(problemsOf({ SLACK_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'changeme', CANCEL_LINK_SECRET: `${STRONG},short` })).toEqual([
      expect.stringMatching(/^SLACK_SIGNING_SECRET is shorter than 16 characters/),
      expect.stringMatching(/^CANCEL_LINK_SECRET entry 2 is shorter than 16 characters/),
    ]);
    expect(problemsOf({ SLACK_SIGNING_SECRET: STRONG })).toEqual(['SLACK_SIGNING_SECRET needs SLACK_TOKEN: the Cancel button opens its form and answers through the bot']);
    const config = loadConfig({ SLACK_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: STRONG, CANCEL_LINK_SECRET: '' });
    expect(config.slack?.signingSecret).toBe(STRONG);
    expect(config.cancelLinkSecrets).toEqual([]);
    expect(loadConfig({ SLACK_TOKEN: 'xoxb-1' }).slack?.signingSecret).toBeUndefined();
  });
});
