export * from './analytics.module';
export * from './stability.service';
