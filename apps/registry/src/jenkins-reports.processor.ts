import { Processor } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { JENKINS_REPORTS_QUEUE, JenkinsReportsJob, JenkinsReportsPayloads } from '@hydrator/queues';
import { RecordOutcome, ReportRecorder } from '@hydrator/registry';
import { RolloutJobs } from '@hydrator/runner';
import { LoggedWorkerHost } from '@hydrator/platform';

type JenkinsReportsJobOf = {
  [Name in JenkinsReportsJob]: Job<JenkinsReportsPayloads[Name], RecordOutcome, Name>;
}[JenkinsReportsJob];

/** Consumer of `jenkins-reports`: records each stored webhook as a DeploymentReport and hands finished builds to the runner. */
@Processor(JENKINS_REPORTS_QUEUE, { concurrency: 8 })
export class JenkinsReportsProcessor extends LoggedWorkerHost {
  constructor(
    private readonly recorder: ReportRecorder,
    private readonly rollouts: RolloutJobs,
  ) {
    super();
  }

  async process(job: JenkinsReportsJobOf): Promise<RecordOutcome> {
    switch (job.name) {
      case JenkinsReportsJob.RecordReport: {
        const outcome = await this.recorder.record(job.data.webhookId);
        if (outcome.status === 'missing') throw new UnrecoverableError(`webhook ${job.data.webhookId} is not stored`);
        if (outcome.status === 'recorded') this.logger.log(`recorded webhook ${job.data.webhookId} as report ${outcome.reportId}${outcome.finished ? ' (build finished)' : ''}`);
        if (outcome.status === 'recorded' && outcome.unmatchedReason) {
          this.logger.warn(`report kept as unmatched: ${outcome.unmatchedReason}`);
        }
        if (outcome.status === 'recorded' && outcome.detachedReason) {
          this.logger.warn(`report ${outcome.reportId} kept without its deployment: ${outcome.detachedReason}`);
        }
        // The webhook is the fast path of a deployment's outcome: hand it to the runner at once.
        if (outcome.status === 'recorded' && outcome.finished && outcome.attempt) {
          await this.rollouts.check(outcome.attempt.deploymentId, outcome.attempt.attempt, `report-${outcome.reportId}`);
        }
        return outcome;
      }
      default:
        throw new UnrecoverableError(`unknown job ${(job as Job).name} on ${JENKINS_REPORTS_QUEUE}`);
    }
  }
}
