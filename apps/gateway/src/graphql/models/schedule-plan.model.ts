import { Field, ObjectType } from '@nestjs/graphql';
import { SchedulePlan } from '@hydrator/scheduling';
import { SkippedApplicationModel } from './rollout.model';

@ObjectType('PlannedDeployment', { description: 'A deployment scheduling would plan.' })
export class PlannedDeploymentModel {
  applicationId!: string;
  targetId!: string;
  @Field(() => String) gitRev!: string;
  @Field(() => String, { nullable: true }) previousRev!: string | null;
  @Field(() => Date, { description: 'Finish of the prototype report the rev comes from.' }) sourceFinishedAt!: Date;
}

@ObjectType('SchedulePlan', { description: 'What scheduleRollout would plan now.' })
export class SchedulePlanModel {
  @Field(() => String) weekOf!: string;
  @Field(() => Date) cutoff!: Date;
  @Field(() => [PlannedDeploymentModel]) deployments!: PlannedDeploymentModel[];
  @Field(() => [SkippedApplicationModel]) skipped!: SkippedApplicationModel[];

  static from(plan: SchedulePlan): SchedulePlanModel {
    return {
      weekOf: plan.weekOf,
      cutoff: plan.cutoff,
      skipped: plan.skipped,
      deployments: plan.deployments.map((d) => ({ applicationId: d.applicationId, targetId: d.targetId, gitRev: d.gitRev, previousRev: d.previousRev, sourceFinishedAt: d.sourceReport.finishedAt })),
    };
  }
}
