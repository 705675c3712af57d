export * from './hydrator-error';
export * from './with-timeout';
