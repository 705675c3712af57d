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

  /** Freezes `applicationName`, or the fleet when it is null. */
  async freeze(actor: Actor, applicationName: string | null, reason: string, until?: Date | null): Promise<Application | null> {
    const why = requireReason(reason);
    if (until && until.getTime() <= Date.now()) throw HydratorError.badInput('until', `${until.toISOString()} is in the past: a freeze ends in the future, or leave it out to freeze until thawed`);
    return this.em.fork().transactional(async (em) => {
      const application = applicationName ? await this.application(em, applicationName) : null;
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

  /** Lifts the active freezes of `applicationName` (or the fleet's when null); CONFLICT when there is none. */
  async thaw(actor: Actor, applicationName: string | null): Promise<Application | null> {
    return this.em.fork().transactional(async (em) => {
      const application = applicationName ? await this.application(em, applicationName) : null;
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
