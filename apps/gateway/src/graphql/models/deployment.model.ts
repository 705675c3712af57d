import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Deployment } from '@hydrator/database';
import { DeploymentStatus } from './enums';

@ObjectType('ShortlogEntry', { description: 'Commits by one author between the production rev and the planned rev.' })
export class ShortlogEntryModel {
  @Field(() => String) author!: string;
  @Field(() => Int) count!: number;
  @Field(() => [String]) subjects!: string[];
}

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
  @Field(() => String, { nullable: true }) jenkinsBuildUrl!: string | null;
  @Field(() => String, { nullable: true }) slackPermalink!: string | null;
  @Field(() => [ShortlogEntryModel]) shortlog!: ShortlogEntryModel[];
  @Field(() => Date, { nullable: true, description: 'The cutoff in force when this rev was chosen.' }) plannedCutoff!: Date | null;
  @Field(() => String, { nullable: true, description: 'Why this rev: the prototype report it came from and the cutoff.' }) changeReason!: string | null;
  @Field(() => String, { nullable: true }) changedBy!: string | null;
  @Field(() => Date, { nullable: true }) startedAt!: Date | null;
  @Field(() => Date, { nullable: true }) finishedAt!: Date | null;
  @Field(() => Int, { description: 'Bumped on every change: the newer of two copies has the higher version.' }) version!: number;

  static from(deployment: Deployment): DeploymentModel {
    return {
      id: deployment.id,
      rolloutId: deployment.rollout.id,
      applicationId: deployment.application.id,
      targetId: deployment.target.id,
      gitRev: deployment.gitRev,
      previousRev: deployment.previousRev ?? null,
      status: deployment.status,
      attempt: deployment.attempt,
      error: deployment.error ?? null,
      jenkinsBuildUrl: deployment.jenkinsBuildUrl ?? null,
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
