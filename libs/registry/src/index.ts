export * from './application-input';
export * from './applications.service';
export * from './dependency-graph';
export * from './jenkins-notification';
export * from './jenkins-webhook-inbox.service';
export * from './registry-reader.service';
export * from './report-recorder.service';
export * from './registry-core.module';
