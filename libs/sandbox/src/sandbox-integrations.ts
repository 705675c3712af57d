import { GitHubSandbox } from './github';
import { JenkinsSandbox } from './jenkins';
import { JIRA_SANDBOX_API_TOKEN, JIRA_SANDBOX_EMAIL, JiraSandbox, SIMPLIFIED_JIRA_WORKFLOW } from './jira';
import { SLACK_SANDBOX_TOKEN, SlackSandbox } from './slack';

type Env = Record<string, string | undefined>;

/** The stand-ins started for `npm start`, and the variables that point Hydrator's real clients at them. */
export interface RunningSandboxes {
  jenkins?: JenkinsSandbox;
  slack?: SlackSandbox;
  jira?: JiraSandbox;
  github?: GitHubSandbox;
  /** Variables to add to the environment before the configuration is read. */
  env: Record<string, string>;
  /** One line per sandboxed integration, for the startup banner. */
  describe(): string[];
  stop(): Promise<void>;
}

/**
 * Starts a sandbox for every integration the environment leaves unconfigured (no JENKINS_URL, no
 * SLACK_TOKEN, no JIRA_HOST, no GITHUB_API_URL/GITHUB_TOKEN), on free loopback ports. Hydrator then
 * talks to them over HTTP with the same clients it uses in production.
 */
export async function startSandboxIntegrations(env: Env): Promise<RunningSandboxes> {
  const running: RunningSandboxes = {
    env: {},
    describe: () => lines,
    stop: async () => {
      await Promise.all([running.jenkins?.stop(), running.slack?.stop(), running.jira?.stop(), running.github?.stop()]);
    },
  };
  const lines: string[] = [];
  if (!env.JENKINS_URL) {
    running.jenkins = new JenkinsSandbox({ defaults: { queueDelayMs: 200, durationMs: 3000 } });
    running.env.JENKINS_URL = await running.jenkins.start();
    lines.push(`Jenkins  sandbox at ${running.env.JENKINS_URL} (set JENKINS_URL to use a real one)`);
  }
  if (!env.SLACK_TOKEN) {
    running.slack = new SlackSandbox();
    await running.slack.start();
    Object.assign(running.env, { SLACK_TOKEN: SLACK_SANDBOX_TOKEN, SLACK_API_URL: running.slack.apiUrl });
    lines.push(`Slack    sandbox at ${running.slack.apiUrl} (set SLACK_TOKEN to use Slack)`);
  }
  if (!env.JIRA_HOST) {
    // A team-managed project's workflow, as most teams start with: the demo's ticket can be closed at once.
    running.jira = new JiraSandbox({ workflow: SIMPLIFIED_JIRA_WORKFLOW });
    Object.assign(running.env, { JIRA_HOST: await running.jira.start(), JIRA_EMAIL: JIRA_SANDBOX_EMAIL, JIRA_API_TOKEN: JIRA_SANDBOX_API_TOKEN });
    lines.push(`Jira     sandbox at ${running.env.JIRA_HOST} (set JIRA_HOST to use Jira)`);
  }
  if (!env.GITHUB_API_URL && !env.GITHUB_TOKEN) {
    running.github = new GitHubSandbox();
    running.env.GITHUB_API_URL = await running.github.start();
    lines.push(`GitHub   sandbox at ${running.env.GITHUB_API_URL} (set GITHUB_API_URL/GITHUB_TOKEN to use GitHub)`);
  }
  return running;
}
