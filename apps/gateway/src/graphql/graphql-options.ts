import { EntityManager, RequestContext } from '@mikro-orm/postgresql';
import { DocumentNode, GraphQLSchema, specifiedRules, validate } from 'graphql';
import { ApolloDriverConfig } from '@nestjs/apollo';
import type { GraphQLWsSubscriptionsConfig } from '@nestjs/graphql';
import type { Request } from 'express';
import { HydratorConfig } from '@hydrator/config';
import { RegistryReader } from '@hydrator/registry';
import { RolloutReader } from '@hydrator/scheduling';
import { authenticateSubscriber, SubscriberContext } from '../auth/subscriber-auth';
import { TokenAuthority } from '../auth/token-authority';
import { formatGraphqlError, formatSubscriptionResult } from './format-error';
import { GatewayContext } from './gateway-context';
import { queryLimitsRule } from './query-limits';
import { LoaderOptions, RegistryLoaders } from './registry-loaders';
import { RolloutLoaders } from './rollout-loaders';
import { subscriptionsOnly } from './subscriptions-only';

/**
 * Apollo options: code-first schema, GraphiQL (off with GRAPHQL_INTROSPECTION=false), CSRF prevention,
 * one error mapper, and subscriptions over graphql-ws on the same path.
 */
export function graphqlOptions(config: HydratorConfig, tokens: TokenAuthority, reader: RegistryReader, rollouts: RolloutReader, em: EntityManager): ApolloDriverConfig {
  // A subscription's context lives as long as the subscription, and no HTTP middleware gives it a
  // MikroORM context: its loaders keep nothing between events and read through a fresh EntityManager.
  const subscriptionLoading: LoaderOptions = { cache: false, scope: (read) => RequestContext.create(em, read) };
  const limits = queryLimitsRule({ maxDepth: config.graphqlMaxDepth, maxCost: config.graphqlMaxCost });
  return {
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    introspection: config.graphqlIntrospection,
    graphiql: config.graphqlIntrospection,
    playground: false,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    formatError: formatGraphqlError,
    validationRules: [limits],
    subscriptions: {
      // graphql-ws validates on its own (Nest hands these options to its useServer unchanged, `validate`
      // included though Nest's type omits it): the same depth and cost limits apply to subscriptions.
      'graphql-ws': {
        path: '/graphql',
        onConnect: authenticateSubscriber(tokens),
        onSubscribe: subscriptionsOnly,
        onNext: (_ctx, _id, _payload, _args, result) => formatSubscriptionResult(result),
        validate: (schema: GraphQLSchema, document: DocumentNode) => validate(schema, document, [...specifiedRules, limits]),
      } as GraphQLWsSubscriptionsConfig,
    },
    // Apollo calls it with `{ req }` for each HTTP request, graphql-ws with its connection context for each subscription.
    context: (input: { req: Request } | SubscriberContext): GatewayContext =>
      'extra' in input
        ? {
            req: input.extra.request,
            caller: input.extra.caller,
            loaders: new RegistryLoaders(reader, subscriptionLoading),
            rollouts: new RolloutLoaders(rollouts, subscriptionLoading),
          }
        : {
            req: input.req,
            caller: tokens.fromAuthorization(input.req.headers.authorization),
            loaders: new RegistryLoaders(reader),
            rollouts: new RolloutLoaders(rollouts),
          },
  };
}
