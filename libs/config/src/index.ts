export * from './hydrator-config';
export * from './config.module';
export * from './cutoff-rule';
export * from './durations';
export * from './credentials';
