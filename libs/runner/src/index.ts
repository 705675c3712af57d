export * from './deployment-executor.service';
export * from './rollout-jobs';
export * from './rollout-runner.service';
export * from './run-announcements';
export * from './run-decision';
export * from './runner-core.module';
export * from './runner-integrations';
