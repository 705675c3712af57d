import { Logger } from '@nestjs/common';
import { unwrapResolverError } from '@apollo/server/errors';
import { ExecutionResult, FormattedExecutionResult, GraphQLFormattedError } from 'graphql';
import { HydratorError } from '@hydrator/common';

const logger = new Logger('GraphQL');

/**
 * The one place domain errors become GraphQL errors: a HydratorError keeps its message and gets its
 * code (and the field at fault) in `extensions`; GraphQL's own validation errors pass through; anything
 * else is a bug, logged here and shown without internals.
 */
export function formatGraphqlError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof HydratorError) {
    return {
      message: original.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: original.code, ...(original.field ? { field: original.field } : {}) },
    };
  }
  const code = formatted.extensions?.code;
  if (code && code !== 'INTERNAL_SERVER_ERROR') return { ...formatted, extensions: { code } };
  logger.error(original instanceof Error ? (original.stack ?? original.message) : String(original));
  return { message: 'internal error: the gateway logged the details', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/**
 * graphql-ws `onNext`: subscription results bypass Apollo, so their errors get the same mapping here
 * (a subscription refused with NOT_FOUND says so in `extensions.code`, as a query would).
 */
export function formatSubscriptionResult(result: ExecutionResult): FormattedExecutionResult | undefined {
  if (!result.errors?.length) return undefined;
  return { ...result, errors: result.errors.map((error) => formatGraphqlError(error.toJSON(), error)) };
}
