import { Module } from '@nestjs/common';
import { RegistryCoreModule } from '@hydrator/registry';
import { RunnerCoreModule } from '@hydrator/runner';
import { JenkinsReportsProcessor } from './jenkins-reports.processor';
import { WebhookReconciler } from './webhook-reconciler.service';

/** The registry service: records Jenkins reports from the queue and keeps the queue in step with PostgreSQL. */
@Module({
  imports: [RegistryCoreModule, RunnerCoreModule],
  providers: [JenkinsReportsProcessor, WebhookReconciler],
})
export class RegistryServiceModule {}
