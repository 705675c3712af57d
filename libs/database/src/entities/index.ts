export * from './enums';
export * from './application.entity';
export * from './target.entity';
export * from './dependency.entity';
export * from './deployment-report.entity';
export * from './jenkins-webhook.entity';
export * from './rollout.entity';
export * from './deployment.entity';
export * from './freeze.entity';
export * from './audit-event.entity';
export * from './outbox-message.entity';

import { Application } from './application.entity';
import { AuditEvent } from './audit-event.entity';
import { Dependency } from './dependency.entity';
import { Deployment } from './deployment.entity';
import { DeploymentReport } from './deployment-report.entity';
import { Freeze } from './freeze.entity';
import { JenkinsWebhook } from './jenkins-webhook.entity';
import { OutboxMessage } from './outbox-message.entity';
import { Rollout } from './rollout.entity';
import { Target } from './target.entity';

/** Every entity, for the ORM's discovery (explicit, so bundling or tests never depend on globs). */
export const ENTITIES = [Application, Target, Dependency, DeploymentReport, JenkinsWebhook, Rollout, Deployment, Freeze, AuditEvent, OutboxMessage];
