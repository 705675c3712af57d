import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Deployment } from '@hydrator/database';
import { DeploymentRecord } from '@hydrator/scheduling';
import { DeploymentStatus } from './enums';

@ObjectType('ShortlogEntry', { description: 'Commits by one author between the production rev and the planned rev.' })
export class ShortlogEntryModel {
  @Field(() => String) author!: string;
  @Field(() => Int) count!: number;
  @Field(() => [String]) subjects!: string[];
}

@ObjectType('DeploymentAttempt', { description: 'One Jenkins build of a deployment, as its reports tell it: the latest phase Jenkins reported.' })
export class DeploymentAttemptModel {
  @Field(() => Int, { description: 'The attempt it ran, from HYDRATOR_DEPLOYMENT_ID (<deployment id>:<attempt>).' }) attempt!: number;
  @Field(() => Int) buildNumber!: number;
  @Field(() => String, { nullable: true }) buildUrl!: string | null;
  @Field(() => String, { description: 'SUCCESS, FAILURE, UNSTABLE, ABORTED, NOT_BUILT once finished; QUEUED or STARTED before.' }) result!: string;
  @Field(() => Date) startedAt!: Date;
  @Field(() => Date, { nullable: true, description: 'Null until Jenkins reported the build COMPLETED or FINALIZED.' }) finishedAt!: Date | null;
}

type RelationId = 'rolloutId' | 'applicationId' | 'targetId';

@ObjectType('Deployment', { description: 'One application rev to one production target inside a rollout.' })
export class DeploymentModel {
  @Field(() => ID) id!: string;
  rolloutId!: string;
  applicationId!: string;
  targetId!: string;
  @Field(() => String) gitRev!: string;
  @Field(() => String, { nullable: true }) previousRev!: string | null;
  @Field(() => DeploymentStatus) status!: DeploymentStatus;
  @Field(() => Int) attempt!: number;
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field(() => String, { nullable: true, description: 'The Jenkins build of the current attempt, as soon as Jenkins reports it started.' }) jenkinsBuildUrl!: string | null;
  @Field(() => String, { nullable: true, description: 'The Jenkins queue item the runner triggered for the current attempt.' }) jenkinsQueueUrl!: string | null;
  @Field(() => String, { nullable: true }) slackPermalink!: string | null;
  @Field(() => [ShortlogEntryModel]) shortlog!: ShortlogEntryModel[];
  @Field(() => Date, { nullable: true, description: 'The cutoff in force when this rev was chosen.' }) plannedCutoff!: Date | null;
  @Field(() => String, { nullable: true, description: 'Why this rev: the prototype report it came from and the cutoff.' }) changeReason!: string | null;
  @Field(() => String, { nullable: true }) changedBy!: string | null;
  @Field(() => Date, { nullable: true }) startedAt!: Date | null;
  @Field(() => Date, { nullable: true }) finishedAt!: Date | null;
  @Field(() => Int, { description: 'Bumped on every change: the newer of two copies has the higher version.' }) version!: number;

  static from(deployment: Deployment): DeploymentModel {
    return DeploymentModel.fromRecord(deployment, { rolloutId: deployment.rollout.id, applicationId: deployment.application.id, targetId: deployment.target.id });
  }

  /** From a plain row (or an entity, with the ids of its relations). */
  static fromRecord(deployment: Omit<DeploymentRecord, RelationId>, ids: Pick<DeploymentRecord, RelationId> = deployment as DeploymentRecord): DeploymentModel {
    return {
      id: deployment.id,
      rolloutId: ids.rolloutId,
      applicationId: ids.applicationId,
      targetId: ids.targetId,
      gitRev: deployment.gitRev,
      previousRev: deployment.previousRev ?? null,
      status: deployment.status,
      attempt: deployment.attempt,
      error: deployment.error ?? null,
      jenkinsBuildUrl: deployment.jenkinsBuildUrl ?? null,
      jenkinsQueueUrl: deployment.jenkinsQueueUrl ?? null,
      slackPermalink: deployment.slackPermalink ?? null,
      shortlog: deployment.shortlog,
      plannedCutoff: deployment.plannedCutoff ?? null,
      changeReason: deployment.changeReason ?? null,
      changedBy: deployment.changedBy ?? null,
      startedAt: deployment.startedAt ?? null,
      finishedAt: deployment.finishedAt ?? null,
      version: deployment.version,
    };
  }
}
