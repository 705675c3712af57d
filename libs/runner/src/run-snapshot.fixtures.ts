import { DeploymentStatus } from '@hydrator/database';
import { RunDeployment, RunSnapshot } from './run-decision';

/** For the rules' unit tests: `app:order:status` → a deployment `app-order` of `app` to target `t<order>` (SCHEDULED by default). */
export function runDeployments(...specs: string[]): RunDeployment[] {
  return specs.map((spec) => {
    const [app, order, status] = spec.split(':');
    return { id: `${app}-${order}`, applicationId: app, applicationName: app, targetOrder: Number(order), target: `t${order}`, status: (status ?? 'SCHEDULED') as DeploymentStatus };
  });
}

/** For the rules' unit tests: a snapshot of `deployments`, `deps` as application → what it depends on, 4 slots. */
export function runSnapshot(deployments: RunDeployment[], deps: Record<string, string[]> = {}, extra: Partial<RunSnapshot> = {}): RunSnapshot {
  return { deployments, dependsOn: new Map(Object.entries(deps)), frozen: new Set(), maxParallelApps: 4, ...extra };
}
