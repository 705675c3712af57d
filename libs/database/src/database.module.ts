import { MikroOrmMiddleware, MikroOrmModule, MikroOrmModuleOptions } from '@mikro-orm/nestjs';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { HYDRATOR_CONFIG, HydratorConfig } from '@hydrator/config';
import { mikroOrmOptions } from './mikro-orm.config';

/**
 * Routes that use no entity manager state (raw statements only), so they are spared the per-request
 * identity map MikroORM forks for every other route. `POST /webhooks/jenkins` is the hottest route.
 */
export const ROUTES_WITHOUT_REQUEST_CONTEXT = [{ path: 'webhooks/jenkins', method: RequestMethod.POST }];

/** PostgreSQL through MikroORM, configured from the validated configuration. */
@Module({
  imports: [
    MikroOrmModule.forRootAsync({
      inject: [HYDRATOR_CONFIG],
      // registerRequestContext is read from the options the factory returns: DatabaseModule registers the
      // request context itself, leaving out ROUTES_WITHOUT_REQUEST_CONTEXT.
      useFactory: (config: HydratorConfig): MikroOrmModuleOptions => ({ ...mikroOrmOptions(config.databaseUrl), registerRequestContext: false }),
      // Lets Nest inject the PostgreSQL EntityManager (with its query builder) rather than the core one.
      driver: PostgreSqlDriver,
    }),
  ],
})
export class DatabaseModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // Every request its own identity map (what MikroOrmModule registers by default), but for the routes above.
    consumer
      .apply(MikroOrmMiddleware)
      .exclude(...ROUTES_WITHOUT_REQUEST_CONTEXT)
      .forRoutes({ path: '{*all}', method: RequestMethod.ALL });
  }
}
