import { useEffect, useState } from 'react';

const FORMAT = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short' });

/** A moment in the viewer's time zone, with seconds; the ISO value on hover and for machines. */
export function Time({ value }: { value: string | null | undefined }) {
  if (!value) return <span className="muted">—</span>;
  return (
    <time dateTime={value} title={value}>
      {FORMAT.format(new Date(value))}
    </time>
  );
}

/** "1 h 02 min", "4 min 05 s", "12 s". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** Seconds between two instants (the second one now when absent). */
export function secondsBetween(from: string, to?: string | null, now = Date.now()): number {
  return ((to ? new Date(to).getTime() : now) - new Date(from).getTime()) / 1000;
}

/** The current time, ticking every second while mounted (for elapsed times of running work). */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** The duration of something finished, or the time elapsed so far while it runs. */
export function Duration({ from, to }: { from: string | null | undefined; to: string | null | undefined }) {
  if (!from) return <span className="muted">—</span>;
  return to ? <span>{formatDuration(secondsBetween(from, to))}</span> : <Elapsed from={from} />;
}

function Elapsed({ from }: { from: string }) {
  const now = useNow();
  return <span title="elapsed so far">{formatDuration(secondsBetween(from, null, now))} so far</span>;
}
