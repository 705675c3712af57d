import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AuditService } from '@hydrator/audit';
import { LiveModule } from '@hydrator/live';
import { JENKINS_REPORTS_QUEUE } from '@hydrator/queues';
import { ApplicationsService } from './applications.service';
import { JenkinsWebhookInbox } from './jenkins-webhook-inbox.service';
import { RegistryReader } from './registry-reader.service';
import { ReportRecorder } from './report-recorder.service';

/** The registry's domain services, shared by the gateway (API, webhook) and the registry service (recording). */
@Module({
  imports: [LiveModule, BullModule.registerQueue({ name: JENKINS_REPORTS_QUEUE })],
  providers: [ApplicationsService, JenkinsWebhookInbox, RegistryReader, ReportRecorder, AuditService],
  exports: [ApplicationsService, JenkinsWebhookInbox, RegistryReader, ReportRecorder, AuditService, BullModule],
})
export class RegistryCoreModule {}
