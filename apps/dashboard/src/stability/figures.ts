import type { StabilityChartsQuery } from '../gql/graphql';
import { formatDuration } from '../ui/time';

/** One application's figures for one ISO week, as `stability` answers them. */
export type WeekFigures = StabilityChartsQuery['stability'][number];

/** A week of the success chart; nulls where nothing finished (a gap, not a zero). */
export interface SuccessRow {
  week: string;
  succeeded: number | null;
  failed: number | null;
  successPercent: number | null;
}

/** A week of a time chart (duration, lead time), in seconds; nulls where there is no figure. */
export interface TimeRow {
  week: string;
  mean: number | null;
  p90: number | null;
}

/** Lays one application's weeks on every week of the range, for the success chart. */
export function successRows(weeks: readonly string[], figures: readonly WeekFigures[]): SuccessRow[] {
  const byWeek = new Map(figures.map((figure) => [figure.week, figure]));
  return weeks.map((week) => {
    const figure = byWeek.get(week);
    return { week, succeeded: figure?.succeeded ?? null, failed: figure?.failed ?? null, successPercent: figure ? Math.round(figure.successRate * 1000) / 10 : null };
  });
}

/** Lays one application's weeks on every week of the range, for the duration or the lead time chart. */
export function timeRows(weeks: readonly string[], figures: readonly WeekFigures[], measure: 'Duration' | 'LeadTime'): TimeRow[] {
  const byWeek = new Map(figures.map((figure) => [figure.week, figure]));
  return weeks.map((week) => {
    const figure = byWeek.get(week);
    return { week, mean: figure?.[`mean${measure}Seconds`] ?? null, p90: figure?.[`p90${measure}Seconds`] ?? null };
  });
}

/** The unit a time axis counts in, chosen by its largest value so that ticks are round numbers of it. */
export function timeUnit(maxSeconds: number): { label: string; seconds: number } {
  if (maxSeconds < 180) return { label: 's', seconds: 1 };
  if (maxSeconds < 3 * 3600) return { label: 'min', seconds: 60 };
  if (maxSeconds < 3 * 86_400) return { label: 'h', seconds: 3600 };
  return { label: 'd', seconds: 86_400 };
}

/** Figures grouped by application, applications by name. */
export function byApplication(figures: readonly WeekFigures[]): Array<[string, WeekFigures[]]> {
  const groups = new Map<string, WeekFigures[]>();
  for (const figure of figures) groups.set(figure.application, [...(groups.get(figure.application) ?? []), figure]);
  return [...groups].sort(([a], [b]) => a.localeCompare(b));
}

export function percent(rate: number): string {
  return `${Math.round(rate * 1000) / 10} %`;
}

export function maybeDuration(seconds: number | null | undefined): string {
  return seconds === null || seconds === undefined ? '—' : formatDuration(seconds);
}

/** The success chart in words: totals, and the worst week when one fell short. */
export function successSummary(application: string, figures: readonly WeekFigures[]): string {
  const deployments = figures.reduce((sum, figure) => sum + figure.deployments, 0);
  const succeeded = figures.reduce((sum, figure) => sum + figure.succeeded, 0);
  const worst = figures.reduce((low, figure) => (figure.successRate < low.successRate ? figure : low), figures[0]);
  const overall = `${application}: ${succeeded} of ${deployments} production deployments succeeded (${percent(succeeded / deployments)}) over ${figures.length} week${figures.length === 1 ? '' : 's'} with deployments.`;
  return worst.successRate < 1 ? `${overall} Lowest week ${worst.week}: ${percent(worst.successRate)} (${worst.succeeded} of ${worst.deployments}).` : overall;
}

/** A time chart (duration, lead time) in words: the range of weekly means, and the latest week's mean and p90. */
export function timeSummary(what: string, application: string, rows: readonly TimeRow[]): string {
  const points = rows.filter((row): row is TimeRow & { mean: number } => row.mean !== null);
  if (points.length === 0) return `${application}: no ${what} in this range.`;
  const means = points.map((point) => point.mean);
  const latest = points[points.length - 1];
  return `${application}: weekly mean ${what} from ${formatDuration(Math.min(...means))} to ${formatDuration(Math.max(...means))}; latest week ${latest.week}: mean ${formatDuration(latest.mean)}, p90 ${maybeDuration(latest.p90)}.`;
}
