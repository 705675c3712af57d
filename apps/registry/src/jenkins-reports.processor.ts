import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { JENKINS_REPORTS_QUEUE, JenkinsReportsJob, JenkinsReportsPayloads } from '@hydrator/queues';
import { RecordOutcome, ReportRecorder } from '@hydrator/registry';

type JenkinsReportsJobOf = {
  [Name in JenkinsReportsJob]: Job<JenkinsReportsPayloads[Name], RecordOutcome, Name>;
}[JenkinsReportsJob];

/** Consumer of `jenkins-reports`: records each stored webhook as a DeploymentReport. */
@Processor(JENKINS_REPORTS_QUEUE, { concurrency: 8 })
export class JenkinsReportsProcessor extends WorkerHost {
  private readonly logger = new Logger(JenkinsReportsProcessor.name);

  constructor(private readonly recorder: ReportRecorder) {
    super();
  }

  async process(job: JenkinsReportsJobOf): Promise<RecordOutcome> {
    switch (job.name) {
      case JenkinsReportsJob.RecordReport: {
        const outcome = await this.recorder.record(job.data.webhookId);
        if (outcome.status === 'missing') throw new UnrecoverableError(`webhook ${job.data.webhookId} is not stored`);
        if (outcome.status === 'recorded' && outcome.unmatchedReason) {
          this.logger.warn(`report kept as unmatched: ${outcome.unmatchedReason}`);
        }
        return outcome;
      }
      default:
        throw new UnrecoverableError(`unknown job ${(job as Job).name} on ${JENKINS_REPORTS_QUEUE}`);
    }
  }
}
