import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import type { StabilityWeek } from '@hydrator/analytics';

@ObjectType('StabilityWeek', {
  description:
    "One application's finished production deployments (SUCCEEDED or FAILED; canceled and blocked ones never ran) in one ISO week of their finish, in UTC. The same figures as the stability_weekly SQL view.",
})
export class StabilityWeekModel implements StabilityWeek {
  @Field(() => String) application!: string;
  @Field(() => String, { description: 'ISO week in UTC, 2026-W48.' }) week!: string;
  @Field(() => Int) deployments!: number;
  @Field(() => Int) succeeded!: number;
  @Field(() => Int) failed!: number;
  @Field(() => Float, { description: 'succeeded / deployments, from 0 to 1.' }) successRate!: number;
  @Field(() => Float, { nullable: true, description: 'Start to finish of the latest attempt, in seconds.' }) meanDurationSeconds!: number | null;
  @Field(() => Float, { nullable: true, description: '90th percentile (interpolated) of the duration, in seconds.' }) p90DurationSeconds!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Finish of the prototype (staging) run of the rev to its finish in production, in seconds; succeeded deployments planned from a prototype report only.',
  })
  meanLeadTimeSeconds!: number | null;
  @Field(() => Float, { nullable: true, description: '90th percentile (interpolated) of the lead time, in seconds.' }) p90LeadTimeSeconds!: number | null;
}
