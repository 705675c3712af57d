export * from './hydrator-error';
export * from './with-timeout';
export * from './ids';
export * from './log-text';
export * from './safe-text';
export * from './log-context';
export * from './free-port';
export * from './wait-for';
