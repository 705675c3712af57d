import type { IncomingMessage } from 'node:http';
import type { Caller } from '../auth/token-authority';
import type { ProgressLoaders } from './progress-loaders';
import type { RegistryLoaders } from './registry-loaders';
import type { RolloutLoaders } from './rollout-loaders';

/** What every resolver of one GraphQL request sees. */
export interface GatewayContext {
  /** The HTTP request, or for a subscription the WebSocket upgrade request. */
  req?: IncomingMessage;
  /** Absent when no valid token was sent; the auth guard then refuses the operation (a subscriber always has one: see subscriber-auth). */
  caller?: Caller;
  loaders: RegistryLoaders;
  rollouts: RolloutLoaders;
  progress: ProgressLoaders;
}
