export * from './alertmanager-client';
export * from './alertmanager-error';
export * from './silence-matchers';
export * from './alertmanager-process';
