import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Application, DeploymentReport, Freeze, Target } from '@hydrator/database';

/** The freeze that holds an application now: its own, or the fleet's. */
export interface ActiveFreeze {
  reason: string;
  until: Date | null;
  fleetWide: boolean;
}

/** An application as the API shows it, read as a plain row (no entity to build for a page of 500 deployments). */
export type ApplicationRecord = Pick<Application, 'id' | 'name' | 'githubRepo' | 'slackChannel' | 'jenkinsJob' | 'owners' | 'description'>;

/** An {@link ApplicationRecord}'s columns, of `application a`. */
const APPLICATION_COLUMNS = `a.id, a.name, a.github_repo as "githubRepo", a.slack_channel as "slackChannel", a.jenkins_job as "jenkinsJob", a.owners, a.description`;

type DependencyEnd = 'application_id' | 'depends_on_id';

/** A target as the API shows it, read as a plain row. */
export type TargetRecord = Pick<Target, 'id' | 'cluster' | 'environment' | 'namespace' | 'role' | 'order'>;

/** Newest first: of several freezes in force, the newest one is the one shown. */
const FREEZE_ORDER = { createdAt: 'desc' } as const;

/**
 * Batched reads behind the GraphQL field resolvers: each method answers for many ids in one query,
 * so a page of applications costs a constant number of queries, not one per row.
 */
@Injectable()
export class RegistryReader {
  constructor(private readonly em: EntityManager) {}

  async applicationsByIds(ids: readonly string[]): Promise<Map<string, ApplicationRecord>> {
    if (ids.length === 0) return new Map();
    const rows = await this.em.execute<ApplicationRecord[]>(`select ${APPLICATION_COLUMNS} from application a where a.id in (?)`, [[...ids]]);
    return new Map(rows.map((a) => [a.id, a]));
  }

  async targetsByIds(ids: readonly string[]): Promise<Map<string, TargetRecord>> {
    if (ids.length === 0) return new Map();
    const rows = await this.em.execute<TargetRecord[]>(`select id, cluster, environment, namespace, role, position as "order" from target where id in (?)`, [[...ids]]);
    return new Map(rows.map((t) => [t.id, t]));
  }

  async targetsOf(applicationIds: readonly string[]): Promise<Map<string, Target[]>> {
    const targets = await this.em.find(Target, { application: { $in: [...applicationIds] } }, { orderBy: { role: 'asc', order: 'asc', cluster: 'asc' } });
    return groupBy(targets, (target) => target.application.id);
  }

  /** Applications each of `applicationIds` deploys after. */
  dependenciesOf(applicationIds: readonly string[]): Promise<Map<string, ApplicationRecord[]>> {
    return this.linked(applicationIds, 'application_id', 'depends_on_id');
  }

  /** Applications that deploy after each of `applicationIds`. */
  dependentsOf(applicationIds: readonly string[]): Promise<Map<string, ApplicationRecord[]>> {
    return this.linked(applicationIds, 'depends_on_id', 'application_id');
  }

  /** The applications at the `other` end of the dependencies whose `end` is one of `ids`, by that id: plain rows (asked once per deployment of a rollout's page). */
  private async linked(ids: readonly string[], end: DependencyEnd, other: DependencyEnd): Promise<Map<string, ApplicationRecord[]>> {
    if (ids.length === 0) return new Map();
    const rows = await this.em.execute<Array<ApplicationRecord & { edge_end: string }>>(
      `select d.${end} as edge_end, ${APPLICATION_COLUMNS} from dependency d join application a on a.id = d.${other} where d.${end} in (?)`,
      [[...ids]],
    );
    return mapGroups(
      groupBy(rows, (row) => row.edge_end),
      ({ edge_end, ...application }) => application,
    );
  }

  /** Each target's latest successful report by finish time (not arrival): its current rev. */
  async currentReportsOf(targetIds: readonly string[]): Promise<Map<string, DeploymentReport>> {
    if (targetIds.length === 0) return new Map();
    const rows = await this.em.execute<{ id: string }[]>(
      `select distinct on (target_id) id from deployment_report
        where target_id in (?) and result = 'SUCCESS' and phase in ('COMPLETED', 'FINALIZED')
        order by target_id, finished_at desc, build_number desc`,
      [[...targetIds]],
    );
    const reports = await this.em.find(DeploymentReport, { id: { $in: rows.map((row) => row.id) } });
    return new Map(reports.map((report) => [report.target!.id, report]));
  }

  /** The freeze holding each application now (own freezes win over the fleet's); absent when not frozen. */
  async activeFreezesOf(applicationIds: readonly string[], now = new Date()): Promise<Map<string, ActiveFreeze>> {
    const freezes = await this.em.find(
      Freeze,
      {
        thawedAt: null,
        $and: [{ $or: [{ until: null }, { until: { $gt: now } }] }, { $or: [{ application: null }, { application: { $in: [...applicationIds] } }] }],
      },
      { orderBy: FREEZE_ORDER },
    );
    const fleet = freezes.find((freeze) => !freeze.application);
    const result = new Map<string, ActiveFreeze>();
    for (const id of applicationIds) {
      const own = freezes.find((freeze) => freeze.application?.id === id);
      const holding = own ?? fleet;
      if (holding) result.set(id, { reason: holding.reason, until: holding.until ?? null, fleetWide: !own });
    }
    return result;
  }

  /** The fleet's freeze in force now (the newest, as `activeFreezesOf` takes it); null when the fleet is not frozen. */
  activeFleetFreeze(now = new Date()): Promise<Freeze | null> {
    return this.em.findOne(Freeze, { application: null, thawedAt: null, $or: [{ until: null }, { until: { $gt: now } }] }, { orderBy: FREEZE_ORDER });
  }

  /** Reports that matched no registered target, newest first: they are kept, and this is where to find them. */
  unmatchedReports(limit: number): Promise<DeploymentReport[]> {
    return this.em.find(DeploymentReport, { target: null }, { orderBy: { receivedAt: 'desc' }, limit });
  }
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function mapGroups<T, U>(groups: Map<string, T[]>, map: (item: T) => U): Map<string, U[]> {
  return new Map([...groups].map(([key, items]) => [key, items.map(map)]));
}
