import { Inject, Injectable } from '@nestjs/common';
import { AlertmanagerClient } from '@hydrator/alertmanager';
import { HYDRATOR_CONFIG, HydratorConfig } from '@hydrator/config';
import { JenkinsClient } from '@hydrator/jenkins';
import { HydratorMetrics, instrumentCalls } from '@hydrator/metrics';

/** The runner's clients of Jenkins and Alertmanager, built once from the configuration; absent when not configured. */
@Injectable()
export class RunnerIntegrations {
  readonly jenkins?: JenkinsClient;
  readonly alertmanager?: AlertmanagerClient;

  constructor(@Inject(HYDRATOR_CONFIG) config: HydratorConfig, metrics: HydratorMetrics) {
    // Every call timed and its errors counted (hydrator_external_call_*), here and nowhere else.
    if (config.jenkins) this.jenkins = instrumentCalls(new JenkinsClient(config.jenkins), metrics, 'jenkins', ['trigger', 'queueItem', 'build', 'findByParameter']);
    if (config.alertmanagerUrl) {
      this.alertmanager = instrumentCalls(new AlertmanagerClient(config.alertmanagerUrl), metrics, 'alertmanager', ['createSilence', 'extendSilence', 'expireSilence', 'getSilence', 'findSilences']);
    }
  }

  /** What the runner service says at startup about integrations it lacks. */
  warnings(): string[] {
    return [
      ...(this.jenkins ? [] : ['Jenkins is not configured (JENKINS_URL): deployments cannot be triggered and will fail']),
      ...(this.alertmanager ? [] : ['Alertmanager is not configured (ALERTMANAGER_URL): deployments run without silences']),
    ];
  }
}
