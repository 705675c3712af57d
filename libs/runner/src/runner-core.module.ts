import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AuditService } from '@hydrator/audit';
import { LiveModule } from '@hydrator/live';
import { NotifierCoreModule } from '@hydrator/notifier';
import { ROLLOUTS_QUEUE } from '@hydrator/queues';
import { DeploymentExecutor } from './deployment-executor.service';
import { HandoffLatency } from './handoff-latency';
import { RolloutJobs } from './rollout-jobs';
import { RolloutRunner } from './rollout-runner.service';
import { RunAnnouncements } from './run-announcements';
import { RunProgressReader } from './run-progress.reader';
import { RunnerIntegrations } from './runner-integrations';
import { AttemptSilences } from './attempt-silences';

/** Running rollouts, shared by the gateway (runRollout, retryDeployment), the registry (report hand-off) and the runner service. */
@Module({
  imports: [NotifierCoreModule, LiveModule, BullModule.registerQueue({ name: ROLLOUTS_QUEUE })],
  providers: [RolloutJobs, RolloutRunner, DeploymentExecutor, AttemptSilences, HandoffLatency, RunAnnouncements, RunnerIntegrations, RunProgressReader, AuditService],
  exports: [RolloutJobs, RolloutRunner, DeploymentExecutor, RunAnnouncements, RunnerIntegrations, RunProgressReader, BullModule],
})
export class RunnerCoreModule {}
