import DataLoader from 'dataloader';
import { Application, DeploymentReport, Target } from '@hydrator/database';
import { ActiveFreeze, RegistryReader } from '@hydrator/registry';

/**
 * Per-request DataLoaders: field resolvers ask for one row and get a batch, so a list of N
 * applications costs a fixed number of SQL queries, not N of them.
 */
export class RegistryLoaders {
  readonly targets: DataLoader<string, Target[]>;
  readonly dependencies: DataLoader<string, Application[]>;
  readonly dependents: DataLoader<string, Application[]>;
  readonly currentReport: DataLoader<string, DeploymentReport | null>;
  readonly activeFreeze: DataLoader<string, ActiveFreeze | null>;
  readonly application: DataLoader<string, Application | null>;
  readonly target: DataLoader<string, Target | null>;

  constructor(reader: RegistryReader) {
    this.targets = batched((ids) => reader.targetsOf(ids), []);
    this.dependencies = batched((ids) => reader.dependenciesOf(ids), []);
    this.dependents = batched((ids) => reader.dependentsOf(ids), []);
    this.currentReport = batched((ids) => reader.currentReportsOf(ids), null);
    this.activeFreeze = batched((ids) => reader.activeFreezesOf(ids), null);
    this.application = batched((ids) => reader.applicationsByIds(ids), null);
    this.target = batched((ids) => reader.targetsByIds(ids), null);
  }
}

export function batched<V>(load: (ids: readonly string[]) => Promise<Map<string, V>>, missing: V): DataLoader<string, V> {
  return new DataLoader<string, V>(async (ids) => {
    const found = await load(ids);
    return ids.map((id) => found.get(id) ?? missing);
  });
}
