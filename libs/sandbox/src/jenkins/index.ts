export { JenkinsSandbox } from './jenkins-sandbox';
export { Timeline, waitFor } from './timeline';
export type { TimelineEvent, TimelineKind } from './timeline';
export type { NotificationPayload } from './notifier';
export { CRUMB_FIELD } from './access';
export { jobUrlPath, normalizeJobPath } from './job-path';
export type { BuildParams, BuildPlan, BuildResult, BuildScript, BuildSnapshot, BuildState, FailFirstRule, JenkinsSandboxOptions, JobDefinition, WebhookFault, WebhookPhase } from './types';
export { basicAuth, paramOf, TestJenkinsClient, WebhookReceiver } from './testing';
export type { BuildJson } from './testing';
