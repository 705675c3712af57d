import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Rollout } from '@hydrator/database';
import { RolloutKind, RolloutStatus } from './enums';

@ObjectType('SkippedApplication', { description: 'An application a plan left out, and why.' })
export class SkippedApplicationModel {
  @Field(() => String) application!: string;
  @Field(() => String) reason!: string;
}

@ObjectType('Rollout', { description: 'Production deployments planned and run together: the weekly one or an emergency.' })
export class RolloutModel {
  @Field(() => ID) id!: string;
  @Field(() => RolloutKind) kind!: RolloutKind;
  @Field(() => RolloutStatus) status!: RolloutStatus;
  @Field(() => String, { nullable: true, description: 'ISO week of the planning time, e.g. 2026-W49.' }) weekOf!: string | null;
  @Field(() => Date, { nullable: true, description: 'Prototype reports finished before this were eligible.' }) cutoff!: Date | null;
  @Field(() => String, { nullable: true }) jiraIssueKey!: string | null;
  @Field(() => String, { nullable: true, description: 'Permalink of the SRE channel summary.' }) slackSummaryUrl!: string | null;
  @Field(() => String, { nullable: true, description: 'Why it halted (cleared when it runs again); an emergency starts with its purpose here.' }) reason!: string | null;
  @Field(() => String, { nullable: true, description: 'Why an emergency rollout was created, as the operator said; it never changes. Null for weekly rollouts.' }) purpose!: string | null;
  @Field(() => [SkippedApplicationModel]) skipped!: SkippedApplicationModel[];
  @Field(() => String, { nullable: true }) createdBy!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) startedAt!: Date | null;
  @Field(() => Date, { nullable: true }) finishedAt!: Date | null;
  @Field(() => Int, { description: 'Bumped on every change: the newer of two copies has the higher version.' }) version!: number;

  static from(rollout: Rollout): RolloutModel {
    return {
      id: rollout.id,
      kind: rollout.kind,
      status: rollout.status,
      weekOf: rollout.weekOf ?? null,
      cutoff: rollout.cutoff ?? null,
      jiraIssueKey: rollout.jiraIssueKey ?? null,
      slackSummaryUrl: rollout.slackSummaryUrl ?? null,
      reason: rollout.reason ?? null,
      purpose: rollout.purpose ?? null,
      skipped: rollout.skipped,
      createdBy: rollout.createdBy ?? null,
      createdAt: rollout.createdAt,
      startedAt: rollout.startedAt ?? null,
      finishedAt: rollout.finishedAt ?? null,
      version: rollout.version,
    };
  }
}
