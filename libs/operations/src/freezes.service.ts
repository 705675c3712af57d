import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Actor, AuditService } from '@hydrator/audit';
import { HydratorError } from '@hydrator/common';
import { Application, Freeze } from '@hydrator/database';
import { requireReason } from './deployment-changes.service';

/**
 * Freezes of one application or of the whole fleet. A freeze with an end time lifts by itself (every
 * reader filters on `until`); frozen deployments are neither scheduled nor started until thawed.
 */
@Injectable()
export class Freezes {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
  ) {}

  /** Freezes one application; NOT_FOUND, with nothing saved, when `name` is not registered. */
  async freezeApplication(actor: Actor, name: string, reason: string, until?: Date | null): Promise<Application> {
    return (await this.freeze(actor, requireName(name), reason, until))!;
  }

  /** Freezes the whole fleet. */
  async freezeFleet(actor: Actor, reason: string, until?: Date | null): Promise<void> {
    await this.freeze(actor, null, reason, until);
  }

  /** Lifts one application's own freezes; CONFLICT when it has none. */
  async thawApplication(actor: Actor, name: string): Promise<Application> {
    return (await this.thaw(actor, requireName(name)))!;
  }

  /** Lifts the fleet's freeze (applications' own freezes stay); CONFLICT when there is none. */
  async thawFleet(actor: Actor): Promise<void> {
    await this.thaw(actor, null);
  }

  // Below, null (never a falsy name) means the fleet: `freezeApplication(name: "")` once froze everything.
  private async freeze(actor: Actor, applicationName: string | null, reason: string, until?: Date | null): Promise<Application | null> {
    const why = requireReason(reason);
    if (until && until.getTime() <= Date.now()) throw HydratorError.badInput('until', `${until.toISOString()} is in the past: a freeze ends in the future, or leave it out to freeze until thawed`);
    return this.em.fork().transactional(async (em) => {
      const application = applicationName === null ? null : await this.application(em, applicationName);
      const freeze = em.create(Freeze, { application, reason: why, until: until ?? null, createdBy: actor.name });
      this.audit.record(em, actor, {
        action: application ? 'application.freeze' : 'fleet.freeze',
        subjectType: application ? 'application' : 'fleet',
        subjectId: application?.id ?? 'fleet',
        details: { freezeId: freeze.id, reason: why, until: until?.toISOString() ?? null },
      });
      return application;
    });
  }

  private async thaw(actor: Actor, applicationName: string | null): Promise<Application | null> {
    return this.em.fork().transactional(async (em) => {
      const application = applicationName === null ? null : await this.application(em, applicationName);
      const rows = await em.execute<Array<{ id: string }>>(
        `update "freeze" set thawed_at = now(), thawed_by = ? where thawed_at is null and (until is null or until > now()) and ${application ? 'application_id = ?' : 'application_id is null'} returning id`,
        application ? [actor.name, application.id] : [actor.name],
      );
      if (rows.length === 0) throw HydratorError.conflict(application ? `${application.name} has no freeze of its own to thaw` : 'the fleet is not frozen');
      this.audit.record(em, actor, {
        action: application ? 'application.thaw' : 'fleet.thaw',
        subjectType: application ? 'application' : 'fleet',
        subjectId: application?.id ?? 'fleet',
        details: { freezes: rows.map((r) => r.id) },
      });
      return application;
    });
  }

  private async application(em: EntityManager, name: string): Promise<Application> {
    const application = await em.findOne(Application, { name });
    if (!application) throw HydratorError.notFound(`application "${name}" is not registered`);
    return application;
  }
}

/** An application name must name one: an empty name is a mistake, not the fleet (freezeAll is). */
function requireName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw HydratorError.badInput('name', 'name an application; freezeAll and thawAll act on the whole fleet');
  return trimmed;
}
