import { Module } from '@nestjs/common';

/** The notifier service: delivers Slack and Jira messages from the outbox. Its processors arrive with that workflow; the deployable already exists. */
@Module({})
export class NotifierModule {}
