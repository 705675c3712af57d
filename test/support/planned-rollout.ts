import { TestHydrator } from '@hydrator/testing';
import { FleetSpec, planFleet } from './rollout-fixture';

/** A cancel as the audit log records it. */
export interface AuditedCancel {
  actor: string;
  subject_id: string;
  details: { reason: string };
}

/** A fleet planned by the real scheduler (planFleet), its deployments found by application and target, and what became of them. */
export class PlannedRollout {
  private constructor(
    private readonly hydrator: TestHydrator,
    readonly id: string,
    readonly deployments: ReadonlyArray<{ id: string; application: string; cluster: string }>,
  ) {}

  static async plan(hydrator: TestHydrator, fleet: FleetSpec): Promise<PlannedRollout> {
    const id = await planFleet(hydrator, fleet);
    const planned = new PlannedRollout(hydrator, id, []);
    const rows = await planned.sql<{ id: string; application: string; cluster: string }>(
      `select d.id, a.name as application, t.cluster from deployment d join application a on a.id = d.application_id join target t on t.id = d.target_id where d.rollout_id = ?`,
      [id],
    );
    return new PlannedRollout(hydrator, id, rows);
  }

  /** The id of `application`'s deployment to `cluster`. */
  deployment(application: string, cluster: string): string {
    const found = this.deployments.find((d) => d.application === application && d.cluster === cluster);
    if (!found) throw new Error(`no deployment of ${application} to ${cluster} was planned`);
    return found.id;
  }

  async statusOf(id: string): Promise<string> {
    return (await this.sql<{ status: string }>(`select status from deployment where id = ?`, [id]))[0].status;
  }

  /** The cancel link of `id` as its team message carries it (the text fallback, as Slack shows it). */
  async cancelLink(id: string): Promise<URL> {
    const [{ text }] = await this.sql<{ text: string }>(`select payload->>'text' as text from outbox_message where kind = 'SLACK_MESSAGE' and ? = any(deployment_ids)`, [id]);
    const href = new RegExp(`<([^|>]*/deployments/${id}/cancel[^|>]*)\\|cancel this deployment>`).exec(text)?.[1];
    if (!href) throw new Error(`the team message has no cancel link for ${id}`);
    return new URL(href.replace(/&amp;/g, '&'));
  }

  /** Every cancel in the audit log, oldest first. */
  cancels(): Promise<AuditedCancel[]> {
    return this.sql<AuditedCancel>(`select actor, subject_id, details from audit_event where action = 'deployment.cancel' order by created_at`);
  }

  sql<T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> {
    return this.hydrator.orm.em.fork().getConnection().execute<T[]>(query, params);
  }
}
