import { Module } from '@nestjs/common';
import { NotifierDeliveryModule } from '@hydrator/notifier';
import { NotificationsProcessor } from './notifications.processor';
import { OutboxReconciler } from './outbox-reconciler.service';

/** The notifier service: delivers the outbox's Slack and Jira messages, and keeps the queue in step with it. */
@Module({
  imports: [NotifierDeliveryModule],
  providers: [NotificationsProcessor, OutboxReconciler],
})
export class NotifierModule {}
