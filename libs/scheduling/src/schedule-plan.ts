import { TargetRole } from '@hydrator/database';

/** The registry as scheduling sees it, loaded in a constant number of queries (see ScheduleInputsLoader). */
export interface ScheduleInputs {
  applications: Array<{ id: string; name: string }>;
  targets: Array<{ id: string; applicationId: string; role: TargetRole; order: number; cluster: string; environment: string; namespace: string }>;
  /** Reason of the freeze holding each frozen application (its own or the fleet's). */
  freezes: Map<string, string>;
  /** Each application's latest successful prototype report that finished before the cutoff. */
  prototypeReports: Map<string, ChosenReport>;
  /** Each production target's current rev (its latest successful report, by finish time). */
  productionRevs: Map<string, string | null>;
}

export interface ChosenReport {
  id: string;
  gitRev: string;
  buildNumber: number;
  finishedAt: Date;
}

export interface PlannedDeploymentDraft {
  applicationId: string;
  applicationName: string;
  targetId: string;
  gitRev: string;
  previousRev: string | null;
  sourceReport: ChosenReport;
}

export interface SkippedApplication {
  application: string;
  reason: string;
}

export interface SchedulePlan {
  weekOf: string;
  cutoff: Date;
  deployments: PlannedDeploymentDraft[];
  skipped: SkippedApplication[];
}

/**
 * The weekly planning rules (docs/weekly-cycle.md), with no I/O: for each application not frozen, its latest successful prototype
 * report before the cutoff is deployed to every production target whose current rev differs, in
 * target order. Every application left out is listed with the reason, never silently.
 */
export function planSchedule(inputs: ScheduleInputs, weekOf: string, cutoff: Date): SchedulePlan {
  const targetsOf = new Map<string, ScheduleInputs['targets']>();
  for (const target of inputs.targets) {
    const list = targetsOf.get(target.applicationId) ?? [];
    list.push(target);
    targetsOf.set(target.applicationId, list);
  }
  const plan: SchedulePlan = { weekOf, cutoff, deployments: [], skipped: [] };
  const skip = (application: string, reason: string) => plan.skipped.push({ application, reason });
  for (const application of [...inputs.applications].sort((a, b) => a.name.localeCompare(b.name))) {
    const targets = targetsOf.get(application.id) ?? [];
    const production = targets.filter((t) => t.role === TargetRole.PRODUCTION).sort((a, b) => a.order - b.order || a.cluster.localeCompare(b.cluster));
    const freeze = inputs.freezes.get(application.id);
    if (freeze !== undefined) {
      skip(application.name, `frozen: ${freeze}`);
      continue;
    }
    if (!targets.some((t) => t.role === TargetRole.PROTOTYPE)) {
      skip(application.name, 'has no PROTOTYPE target to take a rev from');
      continue;
    }
    if (production.length === 0) {
      skip(application.name, 'has no PRODUCTION target to deploy to');
      continue;
    }
    const report = inputs.prototypeReports.get(application.id);
    if (!report) {
      skip(application.name, `no successful prototype deployment finished before the cutoff (${cutoff.toISOString()})`);
      continue;
    }
    const stale = production.filter((target) => inputs.productionRevs.get(target.id) !== report.gitRev);
    if (stale.length === 0) {
      skip(application.name, `production already runs ${report.gitRev}`);
      continue;
    }
    for (const target of stale) {
      plan.deployments.push({
        applicationId: application.id,
        applicationName: application.name,
        targetId: target.id,
        gitRev: report.gitRev,
        previousRev: inputs.productionRevs.get(target.id) ?? null,
        sourceReport: report,
      });
    }
  }
  return plan;
}
