export * from './hydrator-metrics';
export * from './external-calls';
export * from './scrape-refresh';
export * from './database-gauges';
export * from './queue-gauges';
export * from './metrics.controller';
export * from './metrics.module';
