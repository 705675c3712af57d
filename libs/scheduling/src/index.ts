export * from './planning-clock';
export * from './schedule-plan';
export * from './schedule.service';
export * from './scheduling-core.module';
export * from './shortlog';
export * from './shortlog.service';
export * from './rollout-reader.service';
export * from './github-shortlog.source';
