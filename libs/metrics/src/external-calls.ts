import { ExternalSystem, HydratorMetrics } from './hydrator-metrics';

/** An error's reason as a bounded label: its code (`TIMEOUT`, `ECONNREFUSED`, `slack_webapi_platform_error`), else its HTTP status, else `error`. */
export function errorReason(error: unknown): string {
  const { code, status, statusCode } = (error ?? {}) as { code?: unknown; status?: unknown; statusCode?: unknown };
  if (typeof code === 'string' && /^[A-Za-z0-9_.-]{1,48}$/.test(code)) return code;
  const httpStatus = typeof status === 'number' ? status : typeof statusCode === 'number' ? statusCode : undefined;
  return httpStatus !== undefined ? `http_${httpStatus}` : 'error';
}

/** Times one call to `system`: its duration with its result, and its error by reason. The call's own result or error passes through. */
export async function timeCall<T>(metrics: HydratorMetrics, system: ExternalSystem, operation: string, call: () => Promise<T>): Promise<T> {
  const end = metrics.callDuration.startTimer({ system, operation });
  try {
    const result = await call();
    end({ result: 'ok' });
    return result;
  } catch (error) {
    end({ result: 'error' });
    metrics.callErrors.inc({ system, operation, reason: errorReason(error) });
    throw error;
  }
}

type AsyncMethodOf<T> = { [K in keyof T]: T[K] extends (...args: never[]) => Promise<unknown> ? K : never }[keyof T];

/**
 * Wraps the named async methods of `client` (in place, on the instance) so that every call is timed
 * and its errors counted under `system` and `operation` (the method's name, or what `operationOf` makes
 * of the arguments). Returns the same client: the one place each integration is instrumented.
 */
export function instrumentCalls<T extends object, K extends AsyncMethodOf<T>>(
  client: T,
  metrics: HydratorMetrics,
  system: ExternalSystem,
  methods: readonly K[],
  operationOf?: (method: K, args: unknown[]) => string,
): T {
  for (const method of methods) {
    const original = client[method] as (...args: unknown[]) => Promise<unknown>;
    const wrapped = (...args: unknown[]) => timeCall(metrics, system, operationOf ? operationOf(method, args) : String(method), () => original.apply(client, args));
    Object.defineProperty(client, method, { value: wrapped, configurable: true, writable: true });
  }
  return client;
}
