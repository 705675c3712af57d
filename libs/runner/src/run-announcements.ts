import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { HYDRATOR_CONFIG, HydratorConfig } from '@hydrator/config';
import { Rollout } from '@hydrator/database';
import { escapeMrkdwn, mrkdwnLink, OutboxService } from '@hydrator/notifier';

interface ResultRow {
  application: string;
  cluster: string;
  environment: string;
  git_rev: string;
  status: string;
  started_at: Date | null;
  finished_at: Date | null;
  jenkins_build_url: string | null;
}

/** What the runner tells Slack, written to the outbox inside the transaction that decided it. */
@Injectable()
export class RunAnnouncements {
  constructor(
    private readonly outbox: OutboxService,
    @Inject(HYDRATOR_CONFIG) private readonly config: HydratorConfig,
  ) {}

  /** The results of a finished rollout, with durations, to the SRE channel. Returns the message ids. */
  async completed(em: EntityManager, rollout: Rollout): Promise<string[]> {
    const rows = await em.execute<ResultRow[]>(
      `select a.name as application, t.cluster, t.environment, d.git_rev, d.status, d.started_at, d.finished_at, d.jenkins_build_url
         from deployment d join application a on a.id = d.application_id join target t on t.id = d.target_id
        where d.rollout_id = ? order by a.name, t.position`,
      [rollout.id],
    );
    const lines = rows.map((row) => {
      const duration = row.started_at && row.finished_at ? ` in ${formatDuration(new Date(row.finished_at).getTime() - new Date(row.started_at).getTime())}` : '';
      // The build URL and the rev come from Jenkins, the names from the registry: escaped, so the link stays one.
      const link = row.jenkins_build_url ? ` (${mrkdwnLink(row.jenkins_build_url, 'build')})` : '';
      const what = escapeMrkdwn(`${row.application} ${row.git_rev.slice(0, 10)} → ${row.cluster}/${row.environment}`);
      return `• ${row.status === 'SUCCEEDED' ? ':white_check_mark:' : ':heavy_minus_sign:'} ${what}: ${row.status.toLowerCase()}${duration}${link}`;
    });
    const title = rollout.weekOf ? `Weekly rollout ${rollout.weekOf}` : `Emergency rollout ${rollout.id}`;
    const message = this.outbox.slackMessage(em, {
      dedupKey: `rollout:${rollout.id}:results`,
      rollout,
      channel: this.config.slackSreChannel,
      text: [`:checkered_flag: *${title}* completed: ${rows.filter((r) => r.status === 'SUCCEEDED').length} of ${rows.length} deployments succeeded.`, ...lines].join('\n'),
    });
    return [message.id];
  }

  /** The SRE support channel's alert for one failed deployment attempt. Returns the message ids. */
  failed(
    em: EntityManager,
    rollout: Rollout,
    failure: { deploymentId: string; attempt: number; application: string; target: string; gitRev: string; buildUrl: string | null; error: string },
  ): Promise<string[]> {
    const message = this.outbox.slackMessage(em, {
      dedupKey: `deployment:${failure.deploymentId}:${failure.attempt}:failed`,
      rollout,
      deploymentIds: [failure.deploymentId],
      channel: this.config.slackSupportChannel,
      text: [
        // The error and the build URL come from Jenkins: escaped, so neither can post a link or a mention.
        `:rotating_light: *${escapeMrkdwn(failure.application)}* failed to deploy \`${escapeMrkdwn(failure.gitRev.slice(0, 10))}\` to ${escapeMrkdwn(failure.target)}: ${escapeMrkdwn(failure.error)}`,
        failure.buildUrl ? `Jenkins: ${escapeMrkdwn(failure.buildUrl)}` : 'Jenkins: no build was started',
        `Hydrator kicks off nothing new in ${rollout.weekOf ? `rollout ${rollout.weekOf}` : 'this rollout'}. Fix it, then run the rollout again or retry the deployment: ${this.config.publicUrl}/rollouts/${rollout.id}`,
      ].join('\n'),
    });
    return Promise.resolve([message.id]);
  }

  dispatch(messageIds: string[]): Promise<void> {
    return messageIds.length ? this.outbox.dispatch(messageIds) : Promise.resolve();
  }
}

export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes}m${String(seconds % 60).padStart(2, '0')}s` : `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}
