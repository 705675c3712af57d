import { Module } from '@nestjs/common';
import { ChangeFeed } from './change-feed.service';
import { DeploymentTransitions } from './deployment-transitions';
import { LiveUpdates } from './live-updates.service';

/** Publishing changes of deployments and rollouts: import it in every module whose services change them. */
@Module({
  providers: [ChangeFeed, DeploymentTransitions],
  exports: [ChangeFeed, DeploymentTransitions],
})
export class LiveModule {}

/**
 * Following changes for GraphQL subscribers: the gateway imports it. It holds a Redis subscription for
 * the life of the process, so only processes that serve subscribers should import it.
 */
@Module({
  providers: [LiveUpdates],
  exports: [LiveUpdates],
})
export class LiveUpdatesModule {}
