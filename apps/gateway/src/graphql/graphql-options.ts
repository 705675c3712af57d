import { ApolloDriverConfig } from '@nestjs/apollo';
import type { Request } from 'express';
import { HydratorConfig } from '@hydrator/config';
import { RegistryReader } from '@hydrator/registry';
import { RolloutReader } from '@hydrator/scheduling';
import { TokenAuthority } from '../auth/token-authority';
import { formatGraphqlError } from './format-error';
import { GatewayContext } from './gateway-context';
import { RegistryLoaders } from './registry-loaders';
import { RolloutLoaders } from './rollout-loaders';

/** Apollo options: code-first schema, GraphiQL (off with GRAPHQL_INTROSPECTION=false), CSRF prevention, one error mapper. */
export function graphqlOptions(config: HydratorConfig, tokens: TokenAuthority, reader: RegistryReader, rollouts: RolloutReader): ApolloDriverConfig {
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
    context: ({ req }: { req: Request }): GatewayContext => ({
      req,
      caller: tokens.fromAuthorization(req.headers.authorization),
      loaders: new RegistryLoaders(reader),
      rollouts: new RolloutLoaders(rollouts),
    }),
  };
}
