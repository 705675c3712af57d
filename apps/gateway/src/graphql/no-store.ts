import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';

/**
 * Apollo's cache-control plugin, installed by default, wraps every field resolver to collect cache
 * hints (a hook per field: 2,500+ for a rollout of 500 deployments), only to find what no field of this
 * schema declares: nothing is cacheable. Disabled, and every answer says so as it did (`no-store`,
 * unless something set a cache-control header already).
 */
export const noStore: ApolloServerPlugin[] = [
  ApolloServerPluginCacheControlDisabled(),
  {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (!response.http.headers.has('cache-control')) response.http.headers.set('cache-control', 'no-store');
        },
      };
    },
  },
];
