import { EntityManager } from '@mikro-orm/postgresql';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { enqueueBestEffort, JENKINS_REPORTS_QUEUE, JenkinsReportsJob, RecordReportPayload, recordReportJobOptions } from '@hydrator/queues';
import { parseJenkinsNotification, reportDedupKey } from './jenkins-notification';

export interface AcceptedWebhook {
  webhookId: string;
  /** True when this job, build and phase had already been received: nothing new was stored. */
  duplicate: boolean;
}

export type JenkinsReportsQueue = Queue<RecordReportPayload, unknown, JenkinsReportsJob>;

/** Webhooks stored by one statement at most: 200 rows of 2 parameters, far under PostgreSQL's 65,535. */
export const MAX_WEBHOOK_BATCH = 200;
/** A batch stops growing past this many characters of payload (bodies may be up to 1 MiB each). */
const MAX_BATCH_PAYLOAD_CHARS = 4 * 1024 * 1024;

/** One webhook waiting for its batch: what to store, and the request waiting for the answer. */
interface Waiting {
  dedupKey: string;
  payload: string;
  resolve(accepted: AcceptedWebhook): void;
  reject(error: unknown): void;
}

/**
 * The receiving end of `POST /webhooks/jenkins`. A webhook is written to PostgreSQL before it is
 * acknowledged, then handed to the registry through the `jenkins-reports` queue; if Redis is down or
 * loses its data, {@link requeuePending} hands it over again, so an acknowledged report is never lost.
 *
 * Group commit: webhooks arriving while a batch is being stored wait and go together as the next
 * batch, in one multi-row insert and one `addBulk`; a webhook arriving when nothing is in flight goes
 * at once, so nothing ever waits on a timer. Each caller's promise settles only once its own row is
 * committed (or with the error that kept it from being stored), exactly as if it had been alone.
 */
@Injectable()
export class JenkinsWebhookInbox {
  private readonly logger = new Logger(JenkinsWebhookInbox.name);
  private waiting: Waiting[] = [];
  private storing = false;

  constructor(
    private readonly em: EntityManager,
    @InjectQueue(JENKINS_REPORTS_QUEUE) private readonly queue: JenkinsReportsQueue,
  ) {}

  async accept(body: unknown): Promise<AcceptedWebhook> {
    // Checked here, in the caller's request: a refused body never joins (or fails) a batch.
    const dedupKey = reportDedupKey(parseJenkinsNotification(body));
    const payload = JSON.stringify(body);
    return new Promise<AcceptedWebhook>((resolve, reject) => {
      this.waiting.push({ dedupKey, payload, resolve, reject });
      this.storeNext();
    });
  }

  /** Re-enqueues webhooks stored but not yet recorded (after a Redis outage or data loss). Returns how many. */
  async requeuePending(olderThanMs: number): Promise<number> {
    const rows = await this.em.execute<{ id: string }[]>(
      `select id from jenkins_webhook where processed_at is null and received_at < now() - (? * interval '1 millisecond') order by received_at limit 1000`,
      [olderThanMs],
    );
    await this.enqueue(rows.map((row) => row.id));
    return rows.length;
  }

  /** Starts storing the webhooks waiting, unless a batch is in flight (its end starts the next). */
  private storeNext(): void {
    if (this.storing || this.waiting.length === 0) return;
    this.storing = true;
    const batch = this.takeBatch();
    const next = () => {
      this.storing = false;
      this.storeNext();
    };
    void this.store(batch)
      .then(
        (fresh) => {
          // Committed: the next batch may go to PostgreSQL while this one goes to Redis.
          next();
          return this.hand(batch, fresh);
        },
        (error: unknown) => {
          next();
          throw error;
        },
      )
      // Not stored (or, unexpectedly, not answered): every webhook of the batch gets the error; settled ones ignore it.
      .catch((error: unknown) => batch.forEach((webhook) => webhook.reject(error)));
  }

  private takeBatch(): Waiting[] {
    let chars = 0;
    let count = 0;
    while (count < this.waiting.length && count < MAX_WEBHOOK_BATCH && (count === 0 || chars + this.waiting[count].payload.length <= MAX_BATCH_PAYLOAD_CHARS)) {
      chars += this.waiting[count].payload.length;
      count++;
    }
    return this.waiting.splice(0, count);
  }

  /**
   * Inserts the batch's reports (the first of each dedup key; later ones in the batch are its
   * duplicates) in one statement. Returns the ids of the rows this statement created, by dedup key.
   */
  private async store(batch: Waiting[]): Promise<Map<string, string>> {
    const first = new Map<string, Waiting>();
    for (const webhook of batch) if (!first.has(webhook.dedupKey)) first.set(webhook.dedupKey, webhook);
    const values = [...first.values()];
    const rows = await this.em.execute<{ id: string; dedup_key: string }[]>(
      `insert into jenkins_webhook (id, dedup_key, payload, received_at, attempts)
       values ${values.map(() => '(gen_random_uuid(), ?, ?, now(), 0)').join(', ')}
       on conflict (dedup_key) do nothing returning id, dedup_key`,
      values.flatMap((webhook) => [webhook.dedupKey, webhook.payload]),
    );
    return new Map(rows.map((row) => [row.dedup_key, row.id]));
  }

  /** Enqueues the rows just created, then answers every webhook of the batch; duplicates get the stored row's id. */
  private async hand(batch: Waiting[], fresh: Map<string, string>): Promise<void> {
    const answered = new Set<string>();
    const stored = await this.storedIds(batch.map((webhook) => webhook.dedupKey).filter((key) => !fresh.has(key))).catch((error: unknown) => error as Error);
    await this.enqueue([...fresh.values()]);
    for (const webhook of batch) {
      const id = fresh.get(webhook.dedupKey);
      if (id !== undefined && !answered.has(webhook.dedupKey)) {
        answered.add(webhook.dedupKey);
        webhook.resolve({ webhookId: id, duplicate: false });
      } else if (stored instanceof Error) {
        webhook.reject(stored);
      } else {
        const existing = id ?? stored.get(webhook.dedupKey);
        if (existing === undefined) webhook.reject(new Error(`jenkins_webhook ${webhook.dedupKey} conflicted on insert but is not stored`));
        else webhook.resolve({ webhookId: existing, duplicate: true });
      }
    }
  }

  /** The ids of reports already stored (by an earlier batch or another process), in one query. */
  private async storedIds(dedupKeys: string[]): Promise<Map<string, string>> {
    if (dedupKeys.length === 0) return new Map();
    const unique = [...new Set(dedupKeys)];
    const rows = await this.em.execute<{ id: string; dedup_key: string }[]>(`select id, dedup_key from jenkins_webhook where dedup_key in (${unique.map(() => '?').join(', ')})`, unique);
    return new Map(rows.map((row) => [row.dedup_key, row.id]));
  }

  private async enqueue(webhookIds: string[]): Promise<void> {
    if (webhookIds.length === 0) return;
    const jobs = webhookIds.map((webhookId) => ({ name: JenkinsReportsJob.RecordReport, data: { webhookId }, opts: recordReportJobOptions(webhookId) }));
    const error = await enqueueBestEffort(() => this.queue.addBulk(jobs));
    // Stored already: the reconciler hands them over once Redis answers again.
    if (error) this.logger.warn(`${webhookIds.length} webhook(s) stored but not enqueued (${error.message}), e.g. ${webhookIds.slice(0, 3).join(', ')}; they will be re-enqueued`);
  }
}
