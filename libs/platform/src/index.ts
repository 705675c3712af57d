export * from './bootstrap';
export * from './platform.module';
export * from './health.controller';
export * from './http-exception.filter';
export * from './recurring-job';
export * from './logged-worker-host';
export * from './periodic-task';
export * from './capped-console-logger';
