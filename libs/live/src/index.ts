export * from './change';
export * from './change-feed.service';
export * from './deployment-transitions';
export * from './live-updates.service';
export * from './live.module';
export * from './pending-changes';
export * from './row-follower';
