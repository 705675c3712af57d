import { EntityManager, RequestContext } from '@mikro-orm/postgresql';
import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy, Optional } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { DocumentNode, GraphQLSchema, specifiedRules, validate } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { HYDRATOR_CONFIG, HydratorConfig } from '@hydrator/config';
import { ShutdownState } from '@hydrator/platform';
import { RegistryReader } from '@hydrator/registry';
import { RunProgressReader } from '@hydrator/runner';
import { RolloutReader } from '@hydrator/scheduling';
import { authenticateSubscriber, SubscriberContext } from '../auth/subscriber-auth';
import { TokenAuthority } from '../auth/token-authority';
import { formatSubscriptionResult } from '../graphql/format-error';
import { GatewayContext } from '../graphql/gateway-context';
import { ProgressLoaders } from '../graphql/progress-loaders';
import { queryLimitsRule } from '../graphql/query-limits';
import { LoaderOptions, RegistryLoaders } from '../graphql/registry-loaders';
import { RolloutLoaders } from '../graphql/rollout-loaders';
import { subscriptionsOnly } from '../graphql/subscriptions-only';
import { SharedExecution } from './shared-execution';

/**
 * The largest WebSocket message accepted. A subscribe message is a query and its variables, a few KB;
 * `ws` defaults to 100 MiB and would buffer that much from anyone before graphql-ws parses it and
 * asks for a token. Past this the socket is closed with 1009 as soon as the frame header says so.
 */
export const MAX_LIVE_MESSAGE_BYTES = 64 * 1024;

const PATH = '/graphql';

/**
 * graphql-ws on `/graphql`, served here rather than by Nest's GraphQL module: Nest builds its `ws`
 * server with no way to pass `maxPayload`. Connections need a token in `connection_init` (see
 * subscriber-auth), carry subscriptions only, and are validated with the same depth and cost limits
 * as HTTP operations.
 */
@Injectable()
export class LiveSocketServer implements OnApplicationBootstrap, OnModuleDestroy {
  private sockets?: WebSocketServer;
  private graphqlWs?: { dispose(): void | Promise<void> };
  private server?: Server;
  /** How subscription events are executed: once per operation and change, for all its subscribers. */
  execution?: SharedExecution;

  constructor(
    @Inject(HYDRATOR_CONFIG) private readonly config: HydratorConfig,
    private readonly adapterHost: HttpAdapterHost,
    private readonly schemaHost: GraphQLSchemaHost,
    private readonly tokens: TokenAuthority,
    private readonly reader: RegistryReader,
    private readonly rollouts: RolloutReader,
    private readonly progress: RunProgressReader,
    private readonly em: EntityManager,
    @Optional() shutdown?: ShutdownState,
  ) {
    // On SIGTERM, with the HTTP server: graphql-ws closes every subscriber's socket with 1001 (going away), so clients reconnect to another replica.
    shutdown?.onDrain('WebSocket subscriptions', () => this.close());
  }

  /** After every module's init: the schema exists, and the HTTP server is not listening yet. */
  onApplicationBootstrap(): void {
    const limits = queryLimitsRule({ maxDepth: this.config.graphqlMaxDepth, maxCost: this.config.graphqlMaxCost });
    // A subscription's context lives as long as the subscription, and no HTTP middleware gives it a
    // MikroORM context: its loaders keep nothing between events and read through a fresh EntityManager.
    const loading: LoaderOptions = { cache: false, scope: (read) => RequestContext.create(this.em, read) };
    // An event's one execution (see SharedExecution) reads through loaders made for that event alone,
    // so they may cache: every link is read once per change, whoever and whatever asks for it.
    const perEvent: LoaderOptions = { ...loading, cache: true };
    this.execution = new SharedExecution((subscriber) => ({ ...subscriber, ...this.loaders(perEvent) }));
    this.sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_LIVE_MESSAGE_BYTES });
    this.graphqlWs = useServer(
      {
        schema: this.schemaHost.schema,
        onConnect: authenticateSubscriber(this.tokens),
        onSubscribe: subscriptionsOnly,
        subscribe: this.execution.subscribe,
        onNext: (_ctx, _id, _payload, _args, result) => formatSubscriptionResult(result),
        validate: (schema: GraphQLSchema, document: DocumentNode) => validate(schema, document, [...specifiedRules, limits]),
        context: (ctx): GatewayContext => {
          const { extra } = ctx as SubscriberContext;
          return { req: extra.request, caller: extra.caller, ...this.loaders(loading) };
        },
      },
      this.sockets,
    );
    this.server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    this.server.on('upgrade', this.upgrade);
  }

  private loaders(options: LoaderOptions): Pick<GatewayContext, 'loaders' | 'rollouts' | 'progress'> {
    return { loaders: new RegistryLoaders(this.reader, options), rollouts: new RolloutLoaders(this.rollouts, options), progress: new ProgressLoaders(this.progress, options) };
  }

  onModuleDestroy(): Promise<void> {
    return this.close();
  }

  private async close(): Promise<void> {
    this.server?.off('upgrade', this.upgrade);
    const graphqlWs = this.graphqlWs;
    this.graphqlWs = undefined;
    await graphqlWs?.dispose();
  }

  private readonly upgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    if (new URL(request.url ?? '/', 'http://gateway').pathname !== PATH) return;
    const sockets = this.sockets!;
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
  };
}
