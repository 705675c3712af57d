export * from './http/sandbox-http-server';
export * from './http/fault-injector';
export * from './jenkins';
export * from './slack';
export * from './jira';
export * from './github';
export * from './sandbox-integrations';
