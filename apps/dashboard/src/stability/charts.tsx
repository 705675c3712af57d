import { type ReactNode, useId, useMemo } from 'react';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDuration } from '../ui/time';
import { toneColour } from '../ui/tone';
import { type SuccessRow, timeUnit, type TimeRow } from './figures';

const CHART_STYLE = { width: '100%', height: 240 };
const MARGIN = { top: 8, right: 8, bottom: 0, left: 0 };
const TICK = { fontSize: 12 };

/** The status palette's colours (styles.css), read once: charts and badges share them. */
function usePalette() {
  return useMemo(() => ({ good: toneColour('good'), bad: toneColour('bad'), moving: toneColour('moving'), waiting: toneColour('waiting') }), []);
}

/** "2026-W48" → "W48" on the axis; the tooltip names the whole week. */
function weekTick(week: string): string {
  return week.slice(5);
}

/** A chart with its heading and, for screen readers and anyone, the same figures in a sentence. */
export function ChartFigure({ title, summary, children }: { title: string; summary: string; children: ReactNode }) {
  const id = useId();
  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      <div role="img" aria-labelledby={`${id}-summary`}>
        {children}
      </div>
      <figcaption id={`${id}-summary`} className="muted">
        {summary}
      </figcaption>
    </figure>
  );
}

/** Succeeded (green) and failed (red) deployments per week, with the success rate as a line. */
export function SuccessChart({ rows }: { rows: SuccessRow[] }) {
  const palette = usePalette();
  return (
    <ComposedChart data={rows} responsive style={CHART_STYLE} margin={MARGIN} accessibilityLayer={false}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="week" tickFormatter={weekTick} tick={TICK} />
      <YAxis yAxisId="count" allowDecimals={false} width={32} tick={TICK} />
      <YAxis yAxisId="rate" orientation="right" domain={[0, 100]} tickFormatter={(value: number) => `${value} %`} width={48} tick={TICK} />
      <Tooltip />
      <Legend itemSorter={null} />
      <Bar yAxisId="count" dataKey="succeeded" name="Succeeded" stackId="outcome" fill={palette.good} isAnimationActive={false} />
      <Bar yAxisId="count" dataKey="failed" name="Failed" stackId="outcome" fill={palette.bad} isAnimationActive={false} />
      <Line yAxisId="rate" dataKey="successPercent" name="Success rate (%)" stroke={palette.waiting} strokeWidth={2} connectNulls isAnimationActive={false} />
    </ComposedChart>
  );
}

/**
 * A time per week (deployment duration, lead time): the mean (blue) and the 90th percentile (grey,
 * dashed), on an axis counted in the unit that suits the figures; the tooltip gives exact durations.
 */
export function TimeChart({ rows }: { rows: readonly TimeRow[] }) {
  const palette = usePalette();
  const unit = timeUnit(Math.max(0, ...rows.flatMap((row) => [row.mean ?? 0, row.p90 ?? 0])));
  const inUnit = (seconds: number | null) => (seconds === null ? null : seconds / unit.seconds);
  const data = rows.map((row) => ({ week: row.week, mean: inUnit(row.mean), p90: inUnit(row.p90) }));
  return (
    <LineChart data={data} responsive style={CHART_STYLE} margin={MARGIN} accessibilityLayer={false}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="week" tickFormatter={weekTick} tick={TICK} />
      <YAxis tickFormatter={(value: number) => `${value} ${unit.label}`} width={56} tick={TICK} />
      <Tooltip formatter={(value) => formatDuration(Number(value) * unit.seconds)} />
      <Legend itemSorter={null} />
      <Line dataKey="mean" name="Mean" stroke={palette.moving} strokeWidth={2} connectNulls isAnimationActive={false} />
      <Line dataKey="p90" name="90th percentile" stroke={palette.waiting} strokeDasharray="5 4" connectNulls isAnimationActive={false} />
    </LineChart>
  );
}
