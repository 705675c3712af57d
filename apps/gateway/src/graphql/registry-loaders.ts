import DataLoader from 'dataloader';
import { DeploymentReport, Target } from '@hydrator/database';
import { ActiveFreeze, ApplicationRecord, RegistryReader, TargetRecord } from '@hydrator/registry';

/**
 * Per-request DataLoaders: field resolvers ask for one row and get a batch, so a list of N
 * applications costs a fixed number of SQL queries, not N of them.
 */
export class RegistryLoaders {
  readonly targets: DataLoader<string, Target[]>;
  readonly dependencies: DataLoader<string, ApplicationRecord[]>;
  readonly dependents: DataLoader<string, ApplicationRecord[]>;
  readonly currentReport: DataLoader<string, DeploymentReport | null>;
  readonly activeFreeze: DataLoader<string, ActiveFreeze | null>;
  readonly application: DataLoader<string, ApplicationRecord | null>;
  readonly target: DataLoader<string, TargetRecord | null>;

  constructor(reader: RegistryReader, options: LoaderOptions = {}) {
    this.targets = batched((ids) => reader.targetsOf(ids), [], options);
    this.dependencies = batched((ids) => reader.dependenciesOf(ids), [], options);
    this.dependents = batched((ids) => reader.dependentsOf(ids), [], options);
    this.currentReport = batched((ids) => reader.currentReportsOf(ids), null, options);
    this.activeFreeze = batched((ids) => reader.activeFreezesOf(ids), null, options);
    this.application = batched((ids) => reader.applicationsByIds(ids), null, options);
    this.target = batched((ids) => reader.targetsByIds(ids), null, options);
  }
}

export interface LoaderOptions {
  /** False for loaders that outlive one operation (a subscription's): every load reads again. */
  cache?: boolean;
  /** Runs each batch read, e.g. inside a MikroORM request context of its own. */
  scope?: <T>(read: () => Promise<T>) => Promise<T>;
}

export function batched<V>(load: (ids: readonly string[]) => Promise<Map<string, V>>, missing: V, { cache, scope }: LoaderOptions = {}): DataLoader<string, V> {
  return new DataLoader<string, V>(
    async (ids) => {
      const found = await (scope ? scope(() => load(ids)) : load(ids));
      return ids.map((id) => found.get(id) ?? missing);
    },
    { cache },
  );
}
