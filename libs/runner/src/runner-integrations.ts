import { Inject, Injectable } from '@nestjs/common';
import { AlertmanagerClient } from '@hydrator/alertmanager';
import { HYDRATOR_CONFIG, HydratorConfig } from '@hydrator/config';
import { JenkinsClient } from '@hydrator/jenkins';

/** The runner's clients of Jenkins and Alertmanager, built once from the configuration; absent when not configured. */
@Injectable()
export class RunnerIntegrations {
  readonly jenkins?: JenkinsClient;
  readonly alertmanager?: AlertmanagerClient;

  constructor(@Inject(HYDRATOR_CONFIG) config: HydratorConfig) {
    if (config.jenkins) this.jenkins = new JenkinsClient(config.jenkins);
    if (config.alertmanagerUrl) this.alertmanager = new AlertmanagerClient(config.alertmanagerUrl);
  }

  /** What the runner service says at startup about integrations it lacks. */
  warnings(): string[] {
    return [
      ...(this.jenkins ? [] : ['Jenkins is not configured (JENKINS_URL): deployments cannot be triggered and will fail']),
      ...(this.alertmanager ? [] : ['Alertmanager is not configured (ALERTMANAGER_URL): deployments run without silences']),
    ];
  }
}
