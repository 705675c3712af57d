import DataLoader from 'dataloader';
import { Deployment, Rollout } from '@hydrator/database';
import { RolloutReader } from '@hydrator/scheduling';
import { batched, LoaderOptions } from './registry-loaders';

/** Per-request batching of rollout reads (see RegistryLoaders). */
export class RolloutLoaders {
  readonly deployments: DataLoader<string, Deployment[]>;
  readonly rollout: DataLoader<string, Rollout | null>;

  constructor(reader: RolloutReader, options: LoaderOptions = {}) {
    this.deployments = batched((ids) => reader.deploymentsOf(ids), [], options);
    this.rollout = batched((ids) => reader.rolloutsByIds(ids), null, options);
  }
}
