import { JenkinsSandbox, SLACK_SANDBOX_TOKEN, SlackSandbox } from '@hydrator/sandbox';
import { AlertmanagerProcess, RunningAlertmanager } from '@hydrator/testing';

/** What a rollout runs against besides Jenkins, shared by the tests of one file. */
export interface RolloutSandboxes {
  readonly slack: SlackSandbox;
  /** A real Alertmanager; available inside tests and hooks, not at `describe` time. */
  readonly alertmanager: RunningAlertmanager;
  /** Starts `jenkins` and returns the variables that point Hydrator at it, Alertmanager and Slack. */
  env(jenkins: JenkinsSandbox): Promise<Record<string, string>>;
}

/**
 * Starts a real Alertmanager and the Slack sandbox before the tests of the calling `describe` and
 * stops them after: call it at the top of the `describe`.
 */
export function useRolloutSandboxes(): RolloutSandboxes {
  const slack = new SlackSandbox();
  let alertmanager: RunningAlertmanager | undefined;
  beforeAll(async () => {
    alertmanager = await AlertmanagerProcess.start();
    await slack.start();
  });
  afterAll(async () => {
    await slack.stop();
    await alertmanager?.stop();
  });
  return {
    slack,
    get alertmanager() {
      if (!alertmanager) throw new Error('Alertmanager is started in beforeAll: use it inside tests and hooks');
      return alertmanager;
    },
    async env(jenkins) {
      return { JENKINS_URL: await jenkins.start(), ALERTMANAGER_URL: this.alertmanager.url, SLACK_TOKEN: SLACK_SANDBOX_TOKEN, SLACK_API_URL: slack.apiUrl };
    },
  };
}
