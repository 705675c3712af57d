import type { Request } from 'express';
import type { Caller } from '../auth/token-authority';
import type { RegistryLoaders } from './registry-loaders';
import type { RolloutLoaders } from './rollout-loaders';

/** What every resolver of one GraphQL request sees. */
export interface GatewayContext {
  req?: Request;
  /** Absent when no valid token was sent; the auth guard then refuses the operation. */
  caller?: Caller;
  loaders: RegistryLoaders;
  rollouts: RolloutLoaders;
}
