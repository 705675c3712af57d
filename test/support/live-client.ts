import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { waitFor } from '@hydrator/testing';

/** How a refused connection ends: the WebSocket close code and reason. */
export interface Refusal {
  code: number;
  reason: string;
}

/** A real graphql-ws client of one gateway, as a live dashboard uses it; each subscription records what it gets. */
export class LiveClient {
  private readonly client: Client;

  /** `gatewayUrl` is the gateway's HTTP base URL; `token` goes in `connection_init` as `authorization: Bearer …`. */
  constructor(gatewayUrl: string, token?: string) {
    this.client = createClient({
      url: `${gatewayUrl.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      retryAttempts: 0,
    });
  }

  subscribe<T>(query: string, variables: Record<string, unknown> = {}): LiveSubscription<T> {
    return new LiveSubscription<T>(this.client, query, variables);
  }

  /**
   * Resolves once every subscription started so far is live on the server. graphql-ws does not
   * acknowledge a subscription, but the gateway handles a socket's messages in order and registers a
   * subscription before doing any I/O: so once a later operation on the same socket is answered (any
   * answer will do — this one is refused, queries go over HTTP), the earlier subscriptions are registered.
   */
  settled(): Promise<void> {
    return new Promise((resolve) => {
      this.client.subscribe({ query: '{ __typename }' }, { next: () => resolve(), error: () => resolve(), complete: () => resolve() });
    });
  }

  dispose(): Promise<void> {
    return Promise.resolve(this.client.dispose());
  }
}

/** One subscription's results as they arrive, and how it ended. */
export class LiveSubscription<T> {
  readonly events: T[] = [];
  /** GraphQL errors of a result, or the close event of a refused connection. */
  failure?: { errors?: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }>; refusal?: Refusal };

  constructor(client: Client, query: string, variables: Record<string, unknown>) {
    client.subscribe<T>(
      { query, variables },
      {
        next: (result) => {
          if (result.errors) this.failure = { errors: result.errors };
          else this.events.push(result.data as T);
        },
        error: (error) => {
          this.failure = Array.isArray(error) ? { errors: error } : { refusal: { code: (error as Refusal).code, reason: String((error as Refusal).reason) } };
        },
        complete: () => undefined,
      },
    );
  }

  /** Waits (bounded) until the events satisfy `done`. */
  until(done: (events: T[]) => boolean, description: string, timeoutMs = 15_000): Promise<T[]> {
    return waitFor(() => done(this.events) && this.events, description, timeoutMs);
  }

  /** Waits (bounded) for the subscription to fail or be refused. */
  failed(timeoutMs = 5_000): Promise<NonNullable<LiveSubscription<T>['failure']>> {
    return waitFor(() => this.failure, 'the subscription to fail', timeoutMs);
  }
}
