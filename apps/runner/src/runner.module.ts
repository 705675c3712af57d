import { Module } from '@nestjs/common';
import { RunnerCoreModule } from '@hydrator/runner';
import { RolloutsProcessor } from './rollouts.processor';
import { RunCronService } from './run-cron.service';
import { RunnerReconciler } from './runner-reconciler.service';

/** The runner service: runs rollouts through Jenkins and Alertmanager (the run: docs/weekly-cycle.md); any number of replicas. */
@Module({
  imports: [RunnerCoreModule],
  providers: [RolloutsProcessor, RunCronService, RunnerReconciler],
})
export class RunnerModule {}
