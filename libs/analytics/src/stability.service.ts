import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { HydratorError } from '@hydrator/common';
import { ApplicationsService } from '@hydrator/registry';

/** The longest range `weekly` answers, in years: enough for trends, bounded for the database. */
export const MAX_STABILITY_RANGE_YEARS = 2;

export interface StabilityQuery {
  from: Date;
  /** Exclusive. */
  to: Date;
  /** An application name; every application when absent. */
  application?: string | null;
}

/** One application's finished production deployments in one ISO week (UTC): a row of the `stability_weekly` view. */
export interface StabilityWeek {
  application: string;
  /** ISO week of the deployments' finish in UTC, `2026-W48`. */
  week: string;
  deployments: number;
  succeeded: number;
  failed: number;
  /** succeeded / deployments, from 0 to 1. */
  successRate: number;
  /** Start to finish of the latest attempt; null when no deployment of the week has a start. */
  meanDurationSeconds: number | null;
  p90DurationSeconds: number | null;
  /** Finish of the prototype (staging) report the rev came from to the finish in production, succeeded deployments only. */
  meanLeadTimeSeconds: number | null;
  p90LeadTimeSeconds: number | null;
}

/**
 * Deployment stability per application and week, read from the `stability_weekly` view so that the
 * API and Metabase always show the same figures.
 */
@Injectable()
export class StabilityService {
  constructor(
    private readonly em: EntityManager,
    private readonly applications: ApplicationsService,
  ) {}

  /**
   * Every ISO week (UTC) that overlaps [from, to), with whole-week figures, by application then week.
   * Weeks without a finished deployment have no row.
   */
  async weekly(query: StabilityQuery): Promise<StabilityWeek[]> {
    checkRange(query.from, query.to);
    if (query.application != null) await this.applications.getByName(query.application);
    return this.em.execute<StabilityWeek[]>(
      `select application, week, deployments, succeeded, failed, success_rate as "successRate",
              mean_duration_s as "meanDurationSeconds", p90_duration_s as "p90DurationSeconds",
              mean_lead_time_s as "meanLeadTimeSeconds", p90_lead_time_s as "p90LeadTimeSeconds"
         from stability_weekly
        where week_start >= date_trunc('week', ?::timestamptz at time zone 'UTC')
          and week_start < (?::timestamptz at time zone 'UTC')
          ${query.application != null ? 'and application = ?' : ''}
        order by application, week`,
      [query.from, query.to, ...(query.application != null ? [query.application] : [])],
    );
  }
}

function checkRange(from: Date, to: Date): void {
  if (Number.isNaN(from.getTime())) throw HydratorError.badInput('from', 'is not a valid date-time');
  if (Number.isNaN(to.getTime())) throw HydratorError.badInput('to', 'is not a valid date-time');
  if (to <= from) throw HydratorError.badInput('to', `must be after from (${from.toISOString()}), got ${to.toISOString()}`);
  const limit = new Date(from);
  limit.setUTCFullYear(limit.getUTCFullYear() + MAX_STABILITY_RANGE_YEARS);
  if (to > limit) throw HydratorError.badInput('to', `the range may span at most ${MAX_STABILITY_RANGE_YEARS} years: ask for ${limit.toISOString()} or earlier, or query the stability_weekly view`);
}
