import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Actor, AuditService } from '@hydrator/audit';
import { HydratorError, isUuid } from '@hydrator/common';
import { Application, Dependency, Deployment, Target, TargetRole } from '@hydrator/database';
import { ApplicationFields, checkApplicationFields, checkTarget, checkTargets, TargetFields } from './application-input';
import { cycleClosedBy, DependencyEdges, formatCycle } from './dependency-graph';

/** Key of the transaction-scoped advisory lock that serialises dependency changes (cycle checks race otherwise). */
const DEPENDENCY_GRAPH_LOCK = 4_801_338;

export interface RegisterApplication extends ApplicationFields {
  targets: TargetFields[];
}

export type ApplicationChanges = Partial<ApplicationFields>;

/** The registry of applications, their targets and their dependencies. Every change is audited. */
@Injectable()
export class ApplicationsService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<Application[]> {
    return this.em.find(Application, {}, { orderBy: { name: 'asc' } });
  }

  async findByName(name: string): Promise<Application | null> {
    return this.em.findOne(Application, { name });
  }

  async getByName(name: string, em: EntityManager = this.em): Promise<Application> {
    const application = await em.findOne(Application, { name });
    if (!application) throw HydratorError.notFound(`application "${name}" is not registered`);
    return application;
  }

  async register(actor: Actor, input: RegisterApplication): Promise<Application> {
    const fields = checkApplicationFields(input);
    const targets = checkTargets(input.targets);
    return this.write(async (em) => {
      if (await em.count(Application, { name: fields.name })) throw duplicateName(fields.name);
      const application = em.create(Application, {
        name: fields.name,
        githubRepo: fields.githubRepo,
        slackChannel: fields.slackChannel,
        jenkinsJob: fields.jenkinsJob,
        owners: fields.owners ?? [],
        description: fields.description ?? null,
      });
      for (const target of targets) em.create(Target, { ...target, order: target.order ?? 0, application });
      this.audit.record(em, actor, {
        action: 'application.register',
        subjectType: 'application',
        subjectId: application.id,
        details: { name: fields.name, targets: targets.map(describeTarget) },
      });
      return application;
    });
  }

  async update(actor: Actor, name: string, changes: ApplicationChanges): Promise<Application> {
    const fields = checkApplicationFields(changes);
    return this.write(async (em) => {
      const application = await this.getByName(name, em);
      if (fields.name && fields.name !== name && (await em.count(Application, { name: fields.name }))) throw duplicateName(fields.name);
      const before: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(fields) as [keyof ApplicationFields, unknown][]) {
        if (value === undefined) continue;
        before[key] = application[key];
        Object.assign(application, { [key]: value });
      }
      this.audit.record(em, actor, {
        action: 'application.update',
        subjectType: 'application',
        subjectId: application.id,
        details: { name, before, after: fields },
      });
      return application;
    });
  }

  async addTarget(actor: Actor, applicationName: string, input: TargetFields): Promise<Target> {
    const fields = checkTarget(input, 'target');
    return this.write(async (em) => {
      const application = await this.getByName(applicationName, em);
      const clash = await em.findOne(Target, { application, cluster: fields.cluster, environment: fields.environment });
      if (clash) {
        throw HydratorError.conflict(`${applicationName} already has a target on ${fields.cluster}/${fields.environment}`, 'target');
      }
      const order = fields.order ?? (await this.nextProductionOrder(em, application));
      const target = em.create(Target, { ...fields, order, application });
      this.audit.record(em, actor, {
        action: 'target.add',
        subjectType: 'application',
        subjectId: application.id,
        details: { application: applicationName, target: describeTarget(target) },
      });
      return target;
    });
  }

  async removeTarget(actor: Actor, targetId: string): Promise<Application> {
    return this.write(async (em) => {
      const target = isUuid(targetId) ? await em.findOne(Target, { id: targetId }, { populate: ['application'] }) : null;
      if (!target) throw HydratorError.notFound(`target ${targetId} does not exist`);
      const application = target.application;
      const sameRole = await em.count(Target, { application, role: target.role });
      if (sameRole <= 1) {
        throw HydratorError.conflict(`${application.name} must keep at least one ${target.role} target; add another before removing ${describeTarget(target)}`);
      }
      const deployments = await em.count(Deployment, { target });
      if (deployments > 0) {
        throw HydratorError.conflict(`${describeTarget(target)} of ${application.name} has ${deployments} deployment(s) in its history and cannot be removed`);
      }
      em.remove(target);
      this.audit.record(em, actor, {
        action: 'target.remove',
        subjectType: 'application',
        subjectId: application.id,
        details: { application: application.name, target: describeTarget(target) },
      });
      return application;
    });
  }

  /** "`name` deploys after `dependsOn`". Refused, naming the cycle, when it would close one; adding an existing dependency changes nothing. */
  async addDependency(actor: Actor, name: string, dependsOnName: string): Promise<Application> {
    return this.write(async (em) => {
      await em.execute('select pg_advisory_xact_lock(?)', [DEPENDENCY_GRAPH_LOCK]);
      const application = await this.getByName(name, em);
      const dependsOn = await this.getByName(dependsOnName, em);
      if (await em.count(Dependency, { application, dependsOn })) return application;
      const cycle = cycleClosedBy(await this.dependencyEdges(em), name, dependsOnName);
      if (cycle) {
        throw HydratorError.conflict(`dependency would create a cycle: ${formatCycle(cycle)}`, 'dependsOn');
      }
      em.create(Dependency, { application, dependsOn });
      this.audit.record(em, actor, {
        action: 'dependency.add',
        subjectType: 'application',
        subjectId: application.id,
        details: { application: name, dependsOn: dependsOnName },
      });
      return application;
    });
  }

  async removeDependency(actor: Actor, name: string, dependsOnName: string): Promise<Application> {
    return this.write(async (em) => {
      const application = await this.getByName(name, em);
      const dependsOn = await this.getByName(dependsOnName, em);
      const dependency = await em.findOne(Dependency, { application, dependsOn });
      if (!dependency) throw HydratorError.notFound(`${name} does not depend on ${dependsOnName}`);
      em.remove(dependency);
      this.audit.record(em, actor, {
        action: 'dependency.remove',
        subjectType: 'application',
        subjectId: application.id,
        details: { application: name, dependsOn: dependsOnName },
      });
      return application;
    });
  }

  private async dependencyEdges(em: EntityManager): Promise<DependencyEdges> {
    const rows = await em.execute<{ application: string; depends_on: string }[]>(
      `select a.name as application, b.name as depends_on
         from dependency d join application a on a.id = d.application_id join application b on b.id = d.depends_on_id`,
    );
    const edges = new Map<string, string[]>();
    for (const row of rows) edges.set(row.application, [...(edges.get(row.application) ?? []), row.depends_on]);
    return edges;
  }

  private async nextProductionOrder(em: EntityManager, application: Application): Promise<number> {
    const last = await em.findOne(Target, { application, role: TargetRole.PRODUCTION }, { orderBy: { order: 'desc' } });
    return last ? last.order + 1 : 0;
  }

  /** One transaction per change; a unique violation that slipped past the checks (a concurrent request) becomes CONFLICT. */
  private async write<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.em.fork().transactional(work);
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw HydratorError.conflict(`a concurrent change already wrote this: ${error.message.split(' - ').pop()}`);
      }
      throw error;
    }
  }
}

function duplicateName(name: string): HydratorError {
  return HydratorError.conflict(`an application named "${name}" is already registered`, 'name');
}

function describeTarget(target: TargetFields): string {
  return `${target.role.toLowerCase()} ${target.cluster}/${target.environment}/${target.namespace}`;
}
