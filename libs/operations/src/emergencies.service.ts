import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Actor, AuditService } from '@hydrator/audit';
import { HydratorError } from '@hydrator/common';
import { Application, Deployment, Rollout, RolloutKind, Target, TargetRole } from '@hydrator/database';
import { RegistryReader } from '@hydrator/registry';
import { RolloutRunner } from '@hydrator/runner';
import { ShortlogService } from '@hydrator/scheduling';
import { requireReason } from './deployment-changes.service';

/**
 * Emergency deployments: a rollout of their own that runs at once, outside the weekly window, through
 * the same runner (ordering, one target at a time, silences). A frozen application is deployed only
 * because the operator gave a reason, and the rollout records that it overrides the freeze.
 */
@Injectable()
export class Emergencies {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly reader: RegistryReader,
    private readonly shortlogs: ShortlogService,
    private readonly runner: RolloutRunner,
  ) {}

  async create(actor: Actor, applicationName: string, gitRev: string, reason: string, targetIds?: string[] | null): Promise<Rollout> {
    const why = requireReason(reason);
    const fork = this.em.fork();
    const application = await fork.findOne(Application, { name: applicationName });
    if (!application) throw HydratorError.notFound(`application "${applicationName}" is not registered`);
    const targets = await this.targets(fork, application, targetIds);
    const rev = await this.shortlogs.checkRev(application.githubRepo, gitRev);
    const current = await this.reader.currentReportsOf(targets.map((t) => t.id));
    const freeze = (await this.reader.activeFreezesOf([application.id])).get(application.id);
    const shortlogs = new Map<string, Awaited<ReturnType<ShortlogService['between']>>>();
    for (const target of targets) {
      const previous = current.get(target.id)?.gitRev ?? null;
      if (!shortlogs.has(previous ?? '')) shortlogs.set(previous ?? '', await this.shortlogs.between(application.githubRepo, previous, rev));
    }
    const rollout = await this.em.fork().transactional(async (em) => {
      const created = em.create(Rollout, { kind: RolloutKind.EMERGENCY, reason: why, purpose: why, createdBy: actor.name, overridesFreeze: !!freeze });
      for (const target of targets) {
        const previousRev = current.get(target.id)?.gitRev ?? null;
        em.create(Deployment, {
          rollout: created,
          application: em.getReference(Application, application.id),
          target: em.getReference(Target, target.id),
          gitRev: rev,
          previousRev,
          shortlog: shortlogs.get(previousRev ?? '')!.entries,
          changedBy: actor.name,
          changeReason: `emergency: ${why}`,
        });
      }
      this.audit.record(em, actor, {
        action: 'deployment.emergency',
        subjectType: 'rollout',
        subjectId: created.id,
        details: { application: application.name, gitRev: rev, reason: why, targets: targets.map((t) => t.cluster), overridesFreeze: freeze?.reason ?? null },
      });
      return created;
    });
    return this.runner.run(actor, rollout.id);
  }

  /** The production targets to deploy: those named (each checked), or all of them in order. */
  private async targets(em: EntityManager, application: Application, targetIds?: string[] | null): Promise<Target[]> {
    const production = await em.find(Target, { application, role: TargetRole.PRODUCTION }, { orderBy: { order: 'asc' } });
    if (!targetIds?.length) return production;
    for (const [i, id] of targetIds.entries()) {
      if (!production.some((t) => t.id === id)) throw HydratorError.badInput(`targets[${i}]`, `${id} is not a production target of ${application.name}`);
    }
    return production.filter((t) => targetIds.includes(t.id));
  }
}
