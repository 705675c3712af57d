import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DeploymentReport } from '@hydrator/database';

@ObjectType('DeploymentReport', { description: 'One Jenkins run phase on a target, as Jenkins reported it.' })
export class DeploymentReportModel {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'The deployed rev; empty when Jenkins sent none.' }) gitRev!: string;
  @Field(() => String, { description: 'SUCCESS, FAILURE, UNSTABLE, ABORTED, NOT_BUILT, or STARTED while running.' }) result!: string;
  @Field(() => Int) buildNumber!: number;
  @Field(() => String, { nullable: true }) buildUrl!: string | null;
  @Field(() => String, { description: 'Jenkins job path, folder/job.' }) jobPath!: string;
  @Field(() => String) phase!: string;
  @Field(() => Date, { nullable: true }) startedAt!: Date | null;
  @Field(() => Date, { nullable: true }) finishedAt!: Date | null;
  @Field(() => Date) receivedAt!: Date;
  @Field(() => String, { nullable: true, description: 'Why no registered target matched; null when one did.' }) unmatchedReason!: string | null;
  @Field(() => String, { nullable: true, description: 'Raw job parameters as JSON.' }) parameters!: string | null;

  static from(report: DeploymentReport): DeploymentReportModel {
    return {
      id: report.id,
      gitRev: report.gitRev ?? '',
      result: report.result,
      buildNumber: report.buildNumber,
      buildUrl: report.buildUrl ?? null,
      jobPath: report.jobPath,
      phase: report.phase,
      startedAt: report.startedAt,
      finishedAt: report.finishedAt,
      receivedAt: report.receivedAt,
      unmatchedReason: report.unmatchedReason ?? null,
      parameters: JSON.stringify(report.parameters),
    };
  }
}
