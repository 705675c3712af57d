import { Module } from '@nestjs/common';
import { LiveModule } from '@hydrator/live';
import { JiraCourier } from './jira-courier';
import { MessageDelivery } from './message-delivery.service';
import { NotifierCoreModule } from './notifier-core.module';
import { OutboxRecovery } from './outbox-recovery.service';
import { OutboxStore } from './outbox-store';
import { SlackCourier } from './slack-courier';

/** The delivering side, for the notifier service: Slack and Jira clients, delivery and recovery. */
@Module({
  imports: [NotifierCoreModule, LiveModule],
  providers: [OutboxStore, SlackCourier, JiraCourier, MessageDelivery, OutboxRecovery],
  exports: [MessageDelivery, OutboxRecovery, NotifierCoreModule],
})
export class NotifierDeliveryModule {}
