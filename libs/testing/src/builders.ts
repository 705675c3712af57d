import { TargetRole } from '@hydrator/database';

/** A valid `RegisterApplicationInput` with one prototype and two production targets; override what a test is about. */
export function applicationInput(name: string, overrides: Record<string, unknown> = {}) {
  return {
    name,
    githubRepo: `acme/${name}`,
    slackChannel: `#team-${name}`,
    jenkinsJob: `deploy/${name}`,
    targets: [
      { cluster: 'stage-1', environment: 'staging', namespace: name, role: TargetRole.PROTOTYPE },
      { cluster: 'prod-us', environment: 'production', namespace: name, role: TargetRole.PRODUCTION, order: 0 },
      { cluster: 'prod-eu', environment: 'production', namespace: name, role: TargetRole.PRODUCTION, order: 1 },
    ],
    ...overrides,
  };
}

export interface NotificationOptions {
  job?: string;
  number?: number;
  phase?: 'QUEUED' | 'STARTED' | 'COMPLETED' | 'FINALIZED';
  status?: string;
  rev?: string;
  cluster?: string;
  environment?: string;
  namespace?: string;
  timestamp?: number;
  duration?: number;
  extraParameters?: Record<string, string>;
}

/** A Jenkins Notification Plugin payload as the plugin sends it (`url` is `job/a/job/b/`). */
export function jenkinsNotification(options: NotificationOptions = {}) {
  const job = options.job ?? 'deploy/api';
  const number = options.number ?? 1;
  const url = job
    .split('/')
    .map((segment) => `job/${segment}/`)
    .join('');
  const phase = options.phase ?? 'COMPLETED';
  return {
    name: job.split('/').pop(),
    url,
    build: {
      full_url: `http://jenkins.example/${url}${number}/`,
      number,
      phase,
      ...(phase === 'COMPLETED' || phase === 'FINALIZED' ? { status: options.status ?? 'SUCCESS' } : {}),
      url: `${url}${number}/`,
      ...(options.timestamp !== undefined ? { timestamp: options.timestamp } : {}),
      ...(options.duration !== undefined ? { duration: options.duration } : {}),
      scm: { commit: options.rev ?? 'abc1234', branch: 'main' },
      parameters: {
        GIT_REV: options.rev ?? 'abc1234',
        CLUSTER: options.cluster ?? 'stage-1',
        ENVIRONMENT: options.environment ?? 'staging',
        NAMESPACE: options.namespace ?? 'api',
        ...options.extraParameters,
      },
    },
  };
}
