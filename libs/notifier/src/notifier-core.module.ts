import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { NOTIFICATIONS_QUEUE } from '@hydrator/queues';
import { DeliveryQueue } from './delivery-queue';
import { OutboxReader } from './outbox-reader.service';
import { OutboxService } from './outbox.service';

/** What producers of notifications import: the outbox (write, dispatch) and its reader. */
@Module({
  imports: [BullModule.registerQueue({ name: NOTIFICATIONS_QUEUE })],
  providers: [OutboxService, OutboxReader, DeliveryQueue],
  exports: [OutboxService, OutboxReader, DeliveryQueue, BullModule],
})
export class NotifierCoreModule {}
