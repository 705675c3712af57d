import DataLoader from 'dataloader';
import { RolloutStatus } from '@hydrator/database';
import { DeploymentBuild, estimateFinish, RolloutRun, RunProgressReader, waitingReasons } from '@hydrator/runner';
import { batched, LoaderOptions } from './registry-loaders';

/**
 * Per-request batching of how runs are going (see RegistryLoaders). A rollout's run state is read once
 * per request, whichever of its deployments or fields ask: `waitingFor` of 500 deployments and the
 * rollout's `estimatedFinishAt` share the same three queries, and expectations one more.
 */
export class ProgressLoaders {
  readonly runs: DataLoader<string, RolloutRun | null>;
  readonly expectedSeconds: DataLoader<string, number | null>;
  readonly builds: DataLoader<string, DeploymentBuild[]>;
  /** Computed once per run read, not once per deployment that asks (a history page asks its rollouts' once per deployment). */
  private readonly reasons = new WeakMap<RolloutRun, Map<string, string | null>>();
  private readonly estimates = new WeakMap<RolloutRun, Promise<Date | null>>();

  constructor(reader: RunProgressReader, options: LoaderOptions = {}) {
    this.runs = batched((ids) => reader.runs(ids), null, options);
    this.expectedSeconds = batched((ids) => reader.expectedSecondsOf(ids), null, options);
    this.builds = batched((ids) => reader.buildsOf(ids), [], options);
  }

  /** Why a SCHEDULED or QUEUED deployment of the rollout is not running yet (see waitingReasons). */
  async waitingFor(rolloutId: string, deploymentId: string): Promise<string | null> {
    const run = await this.runs.load(rolloutId);
    if (!run) return null;
    let reasons = this.reasons.get(run);
    if (!reasons) this.reasons.set(run, (reasons = waitingReasons(run.status, run.snapshot)));
    return reasons.get(deploymentId) ?? null;
  }

  /** When the rollout would finish, every deployment left taking its expected time (see estimateFinish). */
  async estimatedFinish(rolloutId: string, status: RolloutStatus): Promise<Date | null> {
    if (status === RolloutStatus.COMPLETED) return null;
    const run = await this.runs.load(rolloutId);
    if (!run) return null;
    let estimate = this.estimates.get(run);
    if (!estimate) this.estimates.set(run, (estimate = this.estimate(run)));
    return estimate;
  }

  private async estimate(run: RolloutRun): Promise<Date | null> {
    const ids = run.snapshot.deployments.map((d) => d.id);
    const expected = await this.expectedSeconds.loadMany(ids);
    const byId = new Map(ids.map((id, i) => [id, typeof expected[i] === 'number' ? expected[i] : null]));
    return estimateFinish(run.status, run.snapshot, byId, new Date());
  }
}
