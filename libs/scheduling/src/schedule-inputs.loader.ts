import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { TargetRole } from '@hydrator/database';
import { ChosenReport, ScheduleInputs } from './schedule-plan';

/**
 * Loads everything planning needs in five queries whatever the fleet's size, so planning time and
 * query count grow no faster than the data (see bench/schedule-planning).
 */
@Injectable()
export class ScheduleInputsLoader {
  async load(em: EntityManager, cutoff: Date, now: Date): Promise<ScheduleInputs> {
    const [applications, targets, freezes, prototypeReports, productionReports] = await Promise.all([
      em.execute<Array<{ id: string; name: string }>>(`select id, name from application`),
      em.execute<Array<{ id: string; application_id: string; role: TargetRole; position: number; cluster: string; environment: string; namespace: string }>>(
        `select id, application_id, role, position, cluster, environment, namespace from target`,
      ),
      // Own freezes win over the fleet's (application_id null): order puts them last so they overwrite.
      em.execute<Array<{ application_id: string | null; reason: string }>>(
        `select application_id, reason from "freeze" where thawed_at is null and (until is null or until > ?) order by (application_id is not null), created_at`,
        [now],
      ),
      em.execute<Array<{ application_id: string; id: string; git_rev: string; build_number: number; finished_at: Date }>>(
        `select distinct on (t.application_id) t.application_id, r.id, r.git_rev, r.build_number, r.finished_at
           from deployment_report r join target t on t.id = r.target_id
          where t.role = 'PROTOTYPE' and r.result = 'SUCCESS' and r.phase in ('COMPLETED', 'FINALIZED')
            and r.git_rev is not null and r.finished_at < ?
          order by t.application_id, r.finished_at desc, r.build_number desc`,
        [cutoff],
      ),
      em.execute<Array<{ target_id: string; git_rev: string | null }>>(
        `select distinct on (r.target_id) r.target_id, r.git_rev
           from deployment_report r join target t on t.id = r.target_id
          where t.role = 'PRODUCTION' and r.result = 'SUCCESS' and r.phase in ('COMPLETED', 'FINALIZED')
          order by r.target_id, r.finished_at desc, r.build_number desc`,
      ),
    ]);
    const freezeReasons = new Map<string, string>();
    const fleetFreeze = freezes.filter((f) => f.application_id === null).pop();
    if (fleetFreeze) for (const application of applications) freezeReasons.set(application.id, `${fleetFreeze.reason} (whole fleet)`);
    for (const freeze of freezes) if (freeze.application_id) freezeReasons.set(freeze.application_id, freeze.reason);
    return {
      applications,
      targets: targets.map((t) => ({ id: t.id, applicationId: t.application_id, role: t.role, order: t.position, cluster: t.cluster, environment: t.environment, namespace: t.namespace })),
      freezes: freezeReasons,
      prototypeReports: new Map(
        prototypeReports.map((r): [string, ChosenReport] => [r.application_id, { id: r.id, gitRev: r.git_rev, buildNumber: r.build_number, finishedAt: new Date(r.finished_at) }]),
      ),
      productionRevs: new Map(productionReports.map((r) => [r.target_id, r.git_rev])),
    };
  }
}
