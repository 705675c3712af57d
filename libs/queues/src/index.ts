export * from './queue-names';
export * from './jenkins-reports.queue';
export * from './queues.module';
export * from './redis-connection';
