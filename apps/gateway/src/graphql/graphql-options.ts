import { ApolloDriverConfig } from '@nestjs/apollo';
import type { Request } from 'express';
import { HydratorConfig } from '@hydrator/config';
import { RegistryReader } from '@hydrator/registry';
import { RunProgressReader } from '@hydrator/runner';
import { RolloutReader } from '@hydrator/scheduling';
import { bearerTokenRequired } from '../auth/graphql-auth.guard';
import { TokenAuthority } from '../auth/token-authority';
import { applicationFields } from '../registry/applications.resolver';
import { deploymentFields } from '../rollouts/deployments.resolver';
import { DateTimeScalar } from './date-time.scalar';
import { resolveDirectly } from './direct-field-resolvers';
import { formatGraphqlError, graphqlErrorOf } from './format-error';
import { GatewayContext } from './gateway-context';
import { noStore } from './no-store';
import { operationChecks } from './operation-checks';
import { ProgressLoaders } from './progress-loaders';
import { queryLimitsRule } from './query-limits';
import { RegistryLoaders } from './registry-loaders';
import { RolloutLoaders } from './rollout-loaders';

/**
 * Apollo options: code-first schema with one strict DateTime, introspection (off with
 * GRAPHQL_INTROSPECTION=false), CSRF prevention, one error mapper. Subscriptions are served by
 * LiveSocketServer (live/live-socket.server.ts), not by Nest, to cap their message size.
 */
export function graphqlOptions(config: HydratorConfig, tokens: TokenAuthority, reader: RegistryReader, rollouts: RolloutReader, progress: RunProgressReader): ApolloDriverConfig {
  return {
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    buildSchemaOptions: { scalarsMap: [{ type: Date, scalar: DateTimeScalar }] },
    introspection: config.graphqlIntrospection,
    // GraphiQL is bundled with the dashboard (/api, where a browser opening /graphql is sent): no CDN.
    graphiql: false,
    playground: false,
    csrfPrevention: true,
    // No client sends persisted queries, and a cache any caller can fill is one more thing to bound.
    persistedQueries: false,
    includeStacktraceInErrorResponses: false,
    formatError: formatGraphqlError,
    validationRules: [queryLimitsRule({ maxDepth: config.graphqlMaxDepth, maxCost: config.graphqlMaxCost })],
    plugins: [operationChecks, ...noStore],
    transformSchema: (schema) => resolveDirectly(schema, { Deployment: deploymentFields, Application: applicationFields }),
    // Apollo calls this before it parses the query (GraphiQL's page is served before, without a token):
    // an anonymous caller is refused with 401 before the gateway spends anything on what it sent.
    context: ({ req }: { req: Request }): GatewayContext => {
      const caller = tokens.fromAuthorization(req.headers.authorization);
      if (!caller) throw graphqlErrorOf(bearerTokenRequired());
      return { req, caller, loaders: new RegistryLoaders(reader), rollouts: new RolloutLoaders(rollouts), progress: new ProgressLoaders(progress) };
    },
  };
}
