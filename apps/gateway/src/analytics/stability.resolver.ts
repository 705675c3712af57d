import { Args, Query, Resolver } from '@nestjs/graphql';
import { StabilityService } from '@hydrator/analytics';
import { StabilityWeekModel } from '../graphql/models/stability.model';

/** Deployment stability over time, per application and week. */
@Resolver(() => StabilityWeekModel)
export class StabilityResolver {
  constructor(private readonly analytics: StabilityService) {}

  @Query(() => [StabilityWeekModel], {
    description: 'Every ISO week (UTC) overlapping [from, to), with whole-week figures, by application then week; at most 2 years. Weeks without a finished deployment have no entry.',
  })
  stability(
    @Args('from', { type: () => Date }) from: Date,
    @Args('to', { type: () => Date, description: 'Exclusive.' }) to: Date,
    @Args('application', { type: () => String, nullable: true, description: 'An application name; every application when absent.' }) application?: string | null,
  ): Promise<StabilityWeekModel[]> {
    return this.analytics.weekly({ from, to, application });
  }
}
