import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AlertmanagerError, silenceCommentMarker, silenceCommentOf, silenceMatchersOf } from '@hydrator/alertmanager';
import { HYDRATOR_CONFIG, HydratorConfig } from '@hydrator/config';
import { RunnerIntegrations } from './runner-integrations';

/** The target and rev of a deployment attempt, as its silence names them. */
export interface SilencedAttempt {
  id: string;
  attempt: number;
  application: string;
  git_rev: string;
  cluster: string;
  environment: string;
  namespace: string;
  silence_id: string | null;
  silence_ends_at: Date | null;
}

/** A silence Hydrator holds for a deployment, to be recorded on its row. */
export interface HeldSilence {
  id: string;
  endsAt: Date;
}

/**
 * The Alertmanager silence of each deployment attempt: created before Jenkins runs, extended while the
 * build outlives half of it, expired when it ends. Without Alertmanager configured deployments run
 * unsilenced (startup says so); configured but unreachable, creating one fails the attempt's job (and,
 * once its retries are spent, the deployment): deploying unsilenced would page on-call.
 */
@Injectable()
export class AttemptSilences {
  private readonly logger = new Logger(AttemptSilences.name);

  constructor(
    private readonly em: EntityManager,
    private readonly integrations: RunnerIntegrations,
    @Inject(HYDRATOR_CONFIG) private readonly config: HydratorConfig,
  ) {}

  /** A new silence for the attempt's target, or none without Alertmanager. */
  async create(d: SilencedAttempt): Promise<HeldSilence | undefined> {
    const alertmanager = this.integrations.alertmanager;
    if (!alertmanager) return undefined;
    const endsAt = this.endsAt();
    const id = await refusedIsFatal(() =>
      alertmanager.createSilence({
        matchers: silenceMatchersOf(d),
        endsAt,
        createdBy: 'hydrator',
        comment: silenceCommentOf({ deploymentId: d.id, application: d.application, gitRev: d.git_rev, cluster: d.cluster, namespace: d.namespace }),
      }),
    );
    return { id, endsAt };
  }

  /**
   * After a crash: takes over the silence an earlier execution of the deployment created (found by the
   * deployment id in its comment), extended, instead of leaking it — or creates one.
   */
  async adopt(d: SilencedAttempt): Promise<HeldSilence | undefined> {
    const alertmanager = this.integrations.alertmanager;
    if (!alertmanager) return undefined;
    const [found] = await refusedIsFatal(() => alertmanager.findSilences(silenceMatchersOf(d), { commentContains: silenceCommentMarker(d.id), states: ['active', 'pending'] }));
    if (!found) return this.create(d);
    const endsAt = this.endsAt();
    return { id: await refusedIsFatal(() => alertmanager.extendSilence(found.id, endsAt)), endsAt };
  }

  /**
   * Records the silence on the attempt before Jenkins is called, so whoever settles the attempt (or the
   * reconciler, if that one dies) expires it. Bookkeeping, not a state change: no version bump, nothing published.
   */
  async record(d: SilencedAttempt, silence: HeldSilence): Promise<void> {
    await this.em.execute(`update deployment set silence_id = ?, silence_ends_at = ? where id = ? and attempt = ?`, [silence.id, silence.endsAt, d.id, d.attempt]);
    d.silence_id = silence.id;
    d.silence_ends_at = silence.endsAt;
  }

  /** The lease: a deployment that outlives half its silence gets it extended by SILENCE_DURATION. */
  async extend(d: SilencedAttempt): Promise<void> {
    const alertmanager = this.integrations.alertmanager;
    if (!alertmanager || !d.silence_id || !d.silence_ends_at) return;
    if (new Date(d.silence_ends_at).getTime() - Date.now() > this.config.silenceDurationMs / 2) return;
    const endsAt = this.endsAt();
    try {
      const id = await alertmanager.extendSilence(d.silence_id, endsAt);
      await this.record(d, { id, endsAt });
    } catch (error) {
      this.logger.warn(`could not extend silence ${d.silence_id} of deployment ${d.id}: ${(error as Error).message}`);
    }
  }

  /** Expires the silence of a finished deployment; on failure it stays recorded and the reconciler retries. */
  async expire(d: { id: string; silence_id: string | null }): Promise<void> {
    const alertmanager = this.integrations.alertmanager;
    if (!d.silence_id || !alertmanager) return;
    try {
      await alertmanager.expireSilence(d.silence_id);
      await this.em.execute(`update deployment set silence_ends_at = now() where id = ? and silence_id = ?`, [d.id, d.silence_id]);
    } catch (error) {
      this.logger.warn(`could not expire silence ${d.silence_id} of deployment ${d.id}: ${(error as Error).message}; will retry`);
    }
  }

  private endsAt(): Date {
    return new Date(Date.now() + this.config.silenceDurationMs);
  }
}

async function refusedIsFatal<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof AlertmanagerError)) throw error;
    throw new AlertmanagerError(`no silence could be created, so nothing was deployed (deploying unsilenced would page on-call): ${error.message}`, error.retryable, error.status);
  }
}
