import { Args, Context, ID, Resolver, Subscription } from '@nestjs/graphql';
import { HydratorError, isUuid } from '@hydrator/common';
import { Deployment, Rollout } from '@hydrator/database';
import { LiveUpdates } from '@hydrator/live';
import type { GatewayContext } from '../graphql/gateway-context';
import { DeploymentModel } from '../graphql/models/deployment.model';
import { RolloutModel } from '../graphql/models/rollout.model';

/**
 * Live status over graphql-ws (viewer or operator token in `connection_init`). Each event is the row
 * as committed, with its `version`: a client that read a row at version N and then receives N+1 knows
 * it missed nothing in between; a larger jump means changes were merged into the newest row.
 */
@Resolver()
export class LiveResolver {
  constructor(private readonly live: LiveUpdates) {}

  @Subscription(() => DeploymentModel, {
    description: 'Every change of a deployment of this rollout (status, rev, build…), in version order per deployment.',
    resolve: (deployment: Deployment) => DeploymentModel.from(deployment),
  })
  async deploymentChanged(@Args('rolloutId', { type: () => ID }) rolloutId: string, @Context() context: GatewayContext): Promise<AsyncIterableIterator<Deployment>> {
    // Registered before anything is awaited, so nothing committed from here on is missed.
    const changes = this.live.deploymentsOf(rolloutId);
    if (!isUuid(rolloutId) || !(await context.rollouts.rollout.load(rolloutId))) {
      await changes.return();
      throw HydratorError.notFound(`rollout ${rolloutId} does not exist`);
    }
    return changes;
  }

  @Subscription(() => RolloutModel, {
    description: 'Every change of any rollout: planned, started, halted, completed…, in version order per rollout.',
    resolve: (rollout: Rollout) => RolloutModel.from(rollout),
  })
  rolloutChanged(): AsyncIterableIterator<Rollout> {
    return this.live.rollouts();
  }
}
