import DataLoader from 'dataloader';
import { Rollout } from '@hydrator/database';
import { DeploymentRecord, RolloutReader } from '@hydrator/scheduling';
import { batched, LoaderOptions } from './registry-loaders';

/** Per-request batching of rollout reads (see RegistryLoaders). */
export class RolloutLoaders {
  readonly deployments: DataLoader<string, DeploymentRecord[]>;
  readonly rollout: DataLoader<string, Rollout | null>;

  constructor(reader: RolloutReader, options: LoaderOptions = {}) {
    this.deployments = batched((ids) => reader.deploymentsOf(ids), [], options);
    this.rollout = batched((ids) => reader.rolloutsByIds(ids), null, options);
  }
}
