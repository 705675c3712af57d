import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { AuditEvent, OutboxMessage } from '@hydrator/database';

@ObjectType('AuditEvent', { description: 'A human action, with who did it and when.' })
export class AuditEventModel {
  @Field(() => ID) id!: string;
  @Field(() => String) actor!: string;
  @Field(() => String, { description: 'e.g. application.register, deployment.cancel, application.freeze' }) action!: string;
  @Field(() => String) subjectType!: string;
  @Field(() => String) subjectId!: string;
  @Field(() => String, { description: 'Details as JSON.' }) details!: string;
  @Field(() => Date) createdAt!: Date;

  static from(event: AuditEvent): AuditEventModel {
    return { id: event.id, actor: event.actor, action: event.action, subjectType: event.subjectType, subjectId: event.subjectId, details: JSON.stringify(event.details), createdAt: event.createdAt };
  }
}

@ObjectType('OutboxMessage', { description: 'A Slack message or Jira ticket Hydrator owes, and whether it went out.' })
export class OutboxMessageModel {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'SLACK_MESSAGE, SLACK_SRE_SUMMARY, SLACK_REPLY (in the SRE summary thread), SLACK_UPDATE (of a team message), JIRA_ISSUE, JIRA_COMMENT or JIRA_TRANSITION' })
  kind!: string;
  @Field(() => String, { description: 'Slack channel or Jira project.' }) destination!: string;
  @Field(() => String, { description: 'PENDING, SENDING, SENT, FAILED, or HELD while the integration is not configured.' }) status!: string;
  @Field(() => String, { nullable: true, description: 'Text (Slack), summary (Jira ticket), comment, or the transition made.' }) text!: string | null;
  @Field(() => String, { nullable: true }) lastError!: string | null;
  @Field(() => String, { nullable: true, description: 'Permalink or Jira key once sent.' }) link!: string | null;
  @Field(() => String, { nullable: true, description: 'Where to open it once sent: the Slack permalink or the Jira issue page.' }) url!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) sentAt!: Date | null;

  static from(message: OutboxMessage): OutboxMessageModel {
    const payload = message.payload as { text?: string; intro?: string; summary?: string; body?: string; transition?: string };
    const result = (message.result ?? {}) as { permalink?: string; key?: string; url?: string };
    return {
      id: message.id,
      kind: message.kind,
      destination: message.destination,
      status: message.status,
      text: payload.text ?? payload.summary ?? payload.body ?? payload.intro ?? (payload.transition ? `Transition: ${payload.transition}` : null),
      lastError: message.lastError ?? null,
      link: result.permalink ?? result.key ?? null,
      url: result.permalink ?? result.url ?? null,
      createdAt: message.createdAt,
      sentAt: message.sentAt ?? null,
    };
  }
}

@InputType('RegistrationTicketInput')
export class RegistrationTicketInput {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) githubRepo?: string | null;
  @Field(() => String, { nullable: true }) slackChannel?: string | null;
  @Field(() => String, { nullable: true }) jenkinsJob?: string | null;
  @Field(() => String, { nullable: true }) notes?: string | null;
}
