import { Duration } from '../ui/time';

/** How long something took once it finished, or has run so far while it runs; '—' otherwise (never started, or stopped without a finish). */
export function Took({ startedAt, finishedAt, running }: { startedAt?: string | null; finishedAt?: string | null; running: boolean }) {
  if (!finishedAt && !running) return <span className="muted">—</span>;
  return <Duration from={startedAt} to={finishedAt} />;
}
