import { createSourceEventStream, execute, ExecutionArgs, ExecutionResult, print } from 'graphql';
import type { GatewayContext } from '../graphql/gateway-context';

type Result = ExecutionResult | Promise<ExecutionResult>;

/**
 * graphql-ws `subscribe`, in place of graphql-js' own: each subscriber still gets its own source stream
 * (its subscription resolver runs as before — the rollout check, a RowFollower registered before
 * anything is awaited, so the version and delivery guarantees of LiveUpdates hold per subscriber), but
 * each event is executed once for every subscriber of the same operation — same document, variables
 * and role — instead of once per subscriber. LiveUpdates hands all its followers the same row object
 * for a change, so results are kept per row object, weakly: they go with the row once every subscriber
 * took it. That execution reads through loaders of its own for that row (`contextOf`), so operations
 * that differ but ask for the same links (a deployment's application, target…) share one load too.
 */
export class SharedExecution {
  /** Executions run, for tests and benchmarks that check the fan-out costs one per operation and change. */
  executions = 0;
  private readonly results = new WeakMap<object, Map<string, Result>>();
  private readonly contexts = new WeakMap<object, GatewayContext>();

  /** `contextOf(subscriber)`: the context an event's one execution reads through, made once per event from a subscriber's. */
  constructor(private readonly contextOf: (subscriber: GatewayContext) => GatewayContext) {}

  readonly subscribe = async (args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> => {
    const events = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in events)) return events;
    const key = operationKey(args);
    return new ResultStream(events[Symbol.asyncIterator](), (event) => this.resultOf(event, key, args));
  };

  private resultOf(event: unknown, key: string, args: ExecutionArgs): Result {
    // Anything but a row object (no subscription yields one today) is executed for its subscriber alone.
    if (typeof event !== 'object' || event === null) return this.execute(args, event, args.contextValue);
    let byOperation = this.results.get(event);
    if (!byOperation) this.results.set(event, (byOperation = new Map<string, Result>()));
    let result = byOperation.get(key);
    if (!result) byOperation.set(key, (result = this.execute(args, event, this.contextFor(event, args.contextValue as GatewayContext))));
    return result;
  }

  private contextFor(event: object, subscriber: GatewayContext): GatewayContext {
    let context = this.contexts.get(event);
    if (!context) this.contexts.set(event, (context = this.contextOf(subscriber)));
    return context;
  }

  private execute(args: ExecutionArgs, rootValue: unknown, contextValue: unknown): Result {
    this.executions++;
    return execute({ ...args, rootValue, contextValue });
  }
}

/** Subscribers that get the same results: the same operation with the same variables, under the same role. */
function operationKey({ document, variableValues, operationName, contextValue }: ExecutionArgs): string {
  return JSON.stringify([(contextValue as GatewayContext).caller?.role ?? null, operationName ?? null, variableValues ?? null, print(document)]);
}

/**
 * A subscriber's source stream, each event turned into its result. Not an async generator: `return()`
 * (the client unsubscribed or left) must reach the source at once, not when its next event comes.
 */
class ResultStream implements AsyncIterableIterator<ExecutionResult> {
  constructor(
    private readonly events: AsyncIterator<unknown>,
    private readonly resultOf: (event: unknown) => Result,
  ) {}

  next(): Promise<IteratorResult<ExecutionResult>> {
    return this.events.next().then((step) => {
      if (step.done) return { value: undefined, done: true };
      // graphql-ws does not await what it is given: a result still being executed is awaited here, and only then.
      const result = this.resultOf(step.value);
      return result instanceof Promise ? result.then((value) => ({ value, done: false })) : { value: result, done: false };
    });
  }

  async return(): Promise<IteratorResult<ExecutionResult>> {
    await this.events.return?.();
    return { value: undefined, done: true };
  }

  async throw(error: unknown): Promise<IteratorResult<ExecutionResult>> {
    await this.events.return?.();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
