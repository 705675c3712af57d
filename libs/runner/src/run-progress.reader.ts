import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { HYDRATOR_CONFIG, HydratorConfig } from '@hydrator/config';
import { BuildPhase, DeploymentStatus } from '@hydrator/database';
import { parseDeploymentAttempt } from '@hydrator/registry';
import { loadRolloutRuns, RolloutRun } from './run-snapshot.loader';

/** One Jenkins build of a deployment, as its reports tell it (the latest phase of the build). */
export interface DeploymentBuild {
  /** From HYDRATOR_DEPLOYMENT_ID, `<deployment id>:<attempt>`. */
  attempt: number;
  buildNumber: number;
  buildUrl: string | null;
  /** Jenkins' result once finished (SUCCESS, FAILURE…), else the phase (QUEUED, STARTED). */
  result: string;
  startedAt: Date;
  /** Null until Jenkins reported the build COMPLETED or FINALIZED. */
  finishedAt: Date | null;
}

/** How many of an application's latest successful deployments its expected duration is the median of. */
export const EXPECTATION_HISTORY = 10;

const PHASE_RANK: Record<string, number> = { [BuildPhase.QUEUED]: 0, [BuildPhase.STARTED]: 1, [BuildPhase.COMPLETED]: 2, [BuildPhase.FINALIZED]: 3 };
/** Which phase's times are the build's: STARTED stamps the start, COMPLETED both (its start is timestamp − duration). */
const START_PHASES = [BuildPhase.STARTED, BuildPhase.COMPLETED, BuildPhase.FINALIZED, BuildPhase.QUEUED];
const FINISH_PHASES = [BuildPhase.COMPLETED, BuildPhase.FINALIZED];

interface ReportRow {
  deployment_id: string;
  job_path: string;
  build_number: number;
  phase: BuildPhase;
  result: string;
  build_url: string | null;
  parameter: string | null;
  started_at: Date;
  finished_at: Date;
}

/**
 * Reads that show how a run is going, for the API: each batch method answers for many ids in a fixed
 * number of queries, so a page of 500 deployments costs the same as one.
 */
@Injectable()
export class RunProgressReader {
  constructor(
    private readonly em: EntityManager,
    @Inject(HYDRATOR_CONFIG) private readonly config: HydratorConfig,
  ) {}

  /** Each rollout's status and run state (deployments, dependencies, freezes in force now): three queries. */
  runs(rolloutIds: readonly string[], now = new Date()): Promise<Map<string, RolloutRun>> {
    return loadRolloutRuns(this.em, rolloutIds, this.config.maxParallelApps, now);
  }

  /**
   * Each deployment's expected duration in seconds: the median of the last {@link EXPECTATION_HISTORY}
   * SUCCEEDED deployments of its application to its target that finished before it started (or before
   * now, when it has not), else of its application to any target; absent without history. One query.
   */
  async expectedSecondsOf(deploymentIds: readonly string[]): Promise<Map<string, number>> {
    if (deploymentIds.length === 0) return new Map();
    const medianOfLast = (sameTarget: boolean) => `
      select percentile_cont(0.5) within group (order by last.seconds) as seconds from (
        select extract(epoch from h.finished_at - h.started_at)::float8 as seconds from deployment h
         where h.application_id = d.application_id ${sameTarget ? 'and h.target_id = d.target_id' : ''} and h.status = '${DeploymentStatus.SUCCEEDED}'
           and h.started_at is not null and h.finished_at is not null and h.id <> d.id and h.finished_at < coalesce(d.started_at, now())
         order by h.finished_at desc limit ${EXPECTATION_HISTORY}) last`;
    const rows = await this.em.execute<Array<{ id: string; seconds: number | null }>>(
      `select d.id, coalesce(same_target.seconds, any_target.seconds) as seconds
         from deployment d
         left join lateral (${medianOfLast(true)}) same_target on true
         left join lateral (${medianOfLast(false)}) any_target on true
        where d.id in (?)`,
      [[...deploymentIds]],
    );
    return new Map(rows.filter((row) => row.seconds !== null).map((row) => [row.id, Number(row.seconds)]));
  }

  /** Each deployment's Jenkins builds, one per build with its latest phase, newest attempt first. One query. */
  async buildsOf(deploymentIds: readonly string[]): Promise<Map<string, DeploymentBuild[]>> {
    if (deploymentIds.length === 0) return new Map();
    const rows = await this.em.execute<ReportRow[]>(
      `select deployment_id, job_path, build_number, phase, result, build_url, parameters->>'HYDRATOR_DEPLOYMENT_ID' as parameter, started_at, finished_at
         from deployment_report where deployment_id in (?)`,
      [[...deploymentIds]],
    );
    const perBuild = new Map<string, ReportRow[]>();
    for (const row of rows) {
      // A job renamed between two attempts may number its builds again: a build is its job and number.
      const key = JSON.stringify([row.deployment_id, row.job_path, row.build_number]);
      perBuild.set(key, [...(perBuild.get(key) ?? []), row]);
    }
    const builds = new Map<string, DeploymentBuild[]>();
    for (const phases of perBuild.values()) {
      const deploymentId = phases[0].deployment_id;
      builds.set(deploymentId, [...(builds.get(deploymentId) ?? []), buildOf(phases)]);
    }
    for (const list of builds.values()) list.sort((a, b) => b.attempt - a.attempt || b.startedAt.getTime() - a.startedAt.getTime() || b.buildNumber - a.buildNumber);
    return builds;
  }
}

/** One build from its phase reports. */
function buildOf(phases: ReportRow[]): DeploymentBuild {
  const byRank = [...phases].sort((a, b) => PHASE_RANK[b.phase] - PHASE_RANK[a.phase]);
  const first = (order: BuildPhase[]) => order.map((phase) => phases.find((row) => row.phase === phase)).find((row) => row !== undefined);
  const finished = first(FINISH_PHASES);
  return {
    attempt: parseDeploymentAttempt(byRank[0].parameter ?? undefined)?.attempt ?? 0,
    buildNumber: byRank[0].build_number,
    buildUrl: byRank.find((row) => row.build_url)?.build_url ?? null,
    result: byRank[0].result,
    startedAt: new Date(first(START_PHASES)!.started_at),
    finishedAt: finished ? new Date(finished.finished_at) : null,
  };
}
