export * from './queue-names';
export * from './jenkins-reports.queue';
export * from './queues.module';
export * from './redis-connection';
export * from './notifications.queue';
export * from './scheduling.queue';
export * from './rollouts.queue';
export * from './best-effort-enqueue';
