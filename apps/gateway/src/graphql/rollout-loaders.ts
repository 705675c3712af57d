import DataLoader from 'dataloader';
import { Deployment, Rollout } from '@hydrator/database';
import { RolloutReader } from '@hydrator/scheduling';
import { batched } from './registry-loaders';

/** Per-request batching of rollout reads (see RegistryLoaders). */
export class RolloutLoaders {
  readonly deployments: DataLoader<string, Deployment[]>;
  readonly rollout: DataLoader<string, Rollout | null>;

  constructor(reader: RolloutReader) {
    this.deployments = batched((ids) => reader.deploymentsOf(ids), []);
    this.rollout = batched((ids) => reader.rolloutsByIds(ids), null);
  }
}
