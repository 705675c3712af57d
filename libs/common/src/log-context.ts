import { PinoLogger } from 'nestjs-pino';
import { storage, Store } from 'nestjs-pino/storage';

/** Fields that say which rollout, deployment and attempt a log line is about. */
export interface LogContextFields {
  rolloutId?: string | null;
  deploymentId?: string | null;
  attempt?: number | null;
  [field: string]: unknown;
}

/**
 * Runs `work` with every log line written inside it (by any Nest `Logger`, however deep) carrying
 * `fields`: the job processors wrap each job in it, as pino-http does for each HTTP request. Without
 * the pino logger (a unit test) it simply runs `work`.
 */
export function withLogContext<T>(fields: LogContextFields, work: () => T): T {
  // Undefined until a Nest application with the LoggerModule started (unit tests).
  const root: typeof PinoLogger.root | undefined = PinoLogger.root;
  const parent = storage.getStore()?.logger ?? root;
  if (!parent) return work();
  return storage.run(new Store(parent.child(definedFields(fields, parent.bindings()))), work);
}

/**
 * Adds fields to the current context (a job or a request) once they are known, e.g. the deployment a
 * Jenkins report turned out to be about: the lines after this carry them too. Fields already bound
 * keep their value; outside any context this does nothing.
 */
export function addLogContext(fields: LogContextFields): void {
  const store = storage.getStore();
  if (!store) return;
  const added = definedFields(fields, store.logger.bindings());
  if (Object.keys(added).length > 0) store.logger = store.logger.child(added);
}

function definedFields(fields: LogContextFields, bound: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined && value !== null && !(key in bound)) result[key] = value;
  return result;
}
