export * from './builders';
export * from './test-hydrator';
export * from './test-services';
export { freePort, waitFor } from '@hydrator/common';
export { AlertmanagerProcess, RunningAlertmanager } from '@hydrator/alertmanager';
export * from './service-process';
