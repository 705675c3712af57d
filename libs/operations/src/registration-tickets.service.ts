import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Actor, AuditService } from '@hydrator/audit';
import { HydratorError } from '@hydrator/common';
import { HYDRATOR_CONFIG, HydratorConfig } from '@hydrator/config';
import { OutboxMessage } from '@hydrator/database';
import { OutboxService } from '@hydrator/notifier';
import { checkApplicationFields } from '@hydrator/registry';
import { MAX_REASON_LENGTH } from './deployment-changes.service';

export interface RegistrationRequest {
  name: string;
  githubRepo?: string | null;
  slackChannel?: string | null;
  jenkinsJob?: string | null;
  notes?: string | null;
}

/** Jira tickets listing the steps to register a new application, sent through the outbox. */
@Injectable()
export class RegistrationTickets {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    @Inject(HYDRATOR_CONFIG) private readonly config: HydratorConfig,
  ) {}

  async request(actor: Actor, request: RegistrationRequest): Promise<OutboxMessage> {
    const fields = checkApplicationFields({
      name: request.name,
      ...(request.githubRepo ? { githubRepo: request.githubRepo } : {}),
      ...(request.slackChannel ? { slackChannel: request.slackChannel } : {}),
      ...(request.jenkinsJob ? { jenkinsJob: request.jenkinsJob } : {}),
    });
    if (request.notes && request.notes.length > MAX_REASON_LENGTH) throw HydratorError.badInput('notes', `at most ${MAX_REASON_LENGTH} characters`);
    if ((await this.em.fork().count('Application', { name: fields.name })) > 0) throw HydratorError.conflict(`an application named "${fields.name}" is already registered`, 'name');
    const message = await this.em.fork().transactional(async (em) => {
      const created = this.outbox.jiraIssue(em, {
        dedupKey: `registration:${fields.name}:${randomUUID()}`,
        project: this.config.jiraProject,
        summary: `Register ${fields.name} with Hydrator`,
        description: registrationSteps(fields, request.notes ?? null, this.config.publicUrl),
        labels: ['hydrator', 'registration'],
      });
      this.audit.record(em, actor, { action: 'registration.request', subjectType: 'outbox_message', subjectId: created.id, details: { name: fields.name } });
      return created;
    });
    await this.outbox.dispatch([message.id]);
    return message;
  }
}

function registrationSteps(fields: { name: string; githubRepo?: string; slackChannel?: string; jenkinsJob?: string }, notes: string | null, publicUrl: string): string {
  const job = fields.jenkinsJob ?? 'deploy/<application>';
  return [
    `Register ${fields.name} with Hydrator (${publicUrl}).`,
    '',
    'Steps:',
    `1. Make the Jenkins job ${job} accept the parameters GIT_REV, CLUSTER, ENVIRONMENT, NAMESPACE and HYDRATOR_DEPLOYMENT_ID (Jenkins drops parameters a job does not define).`,
    `2. Add the Notification Plugin endpoint ${publicUrl}/webhooks/jenkins?token=<JENKINS_WEBHOOK_SECRET> (JSON, all events) to ${job}.`,
    `3. Register the application: registerApplication(name: "${fields.name}", githubRepo: "${fields.githubRepo ?? '<owner/name>'}", slackChannel: "${fields.slackChannel ?? '#<team-channel>'}", jenkinsJob: "${job}") with at least one PROTOTYPE and one PRODUCTION target (cluster, environment, namespace, order).`,
    '4. Add its dependencies with addDependency (what must deploy before it).',
    '5. Deploy once to staging through Jenkins and check that the target shows the rev as currentRev.',
    ...(notes ? ['', `Notes: ${notes}`] : []),
  ].join('\n');
}
