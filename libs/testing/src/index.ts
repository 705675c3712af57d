export * from './builders';
export * from './test-hydrator';
export * from './test-services';
export * from './wait-for';
export * from './alertmanager-process';
export * from './service-process';
export * from './free-port';
