import { performance } from 'node:perf_hooks';
import { BuildParams, BuildResult, WebhookPhase } from './types';

/** What happened: requests the sandbox answered and things its builds did. */
export type TimelineKind =
  /** A buildWithParameters request was accepted (whether or not it made a new queue item). */
  | 'triggered'
  /** The trigger matched an identical waiting queue item; Jenkins merges it and answers 303. */
  | 'merged'
  /** A new queue item was created. */
  | 'queued'
  | 'started'
  | 'finished'
  | 'webhook-sent'
  | 'webhook-dropped'
  /** Delivery failed (connection refused, timeout, non-2xx); the server keeps going, as Jenkins does. */
  | 'webhook-failed'
  /** A client read a queue item, a build or a job. */
  | 'polled'
  /** A request was refused: 401/403 (auth, crumb) or 404 (unknown job). */
  | 'rejected';

/** One entry of the timeline; `at` is `performance.now()` so close events still order reliably. */
export interface TimelineEvent {
  at: number;
  date: Date;
  kind: TimelineKind;
  jobPath?: string;
  buildNumber?: number;
  queueId?: number;
  params?: BuildParams;
  result?: BuildResult;
  phase?: WebhookPhase;
  /** HTTP status of the answer or of the webhook delivery, where there was one. */
  status?: number;
  detail?: string;
}

/**
 * Everything the sandbox was asked and did, in order. Tests check deployment ordering rules against
 * this record of what Jenkins really saw, not against Hydrator's own bookkeeping.
 */
export class Timeline {
  private readonly entries: TimelineEvent[] = [];

  record(event: Omit<TimelineEvent, 'at' | 'date'>): TimelineEvent {
    const entry: TimelineEvent = { at: performance.now(), date: new Date(), ...event };
    this.entries.push(entry);
    return entry;
  }

  /** A copy of the events, oldest first. */
  events(): TimelineEvent[] {
    return [...this.entries];
  }

  ofKind(kind: TimelineKind): TimelineEvent[] {
    return this.entries.filter((event) => event.kind === kind);
  }

  clear(): void {
    this.entries.length = 0;
  }
}

/**
 * Polls `probe` until it returns something other than `undefined`/`false`, or fails after `timeoutMs`
 * with `description` in the message. Tests wait through this instead of sleeping a guessed time.
 */
export async function waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 5000, description = 'condition'): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (performance.now() >= deadline) throw new Error(`waitFor: ${description} not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
