import { MikroOrmMiddleware, MikroOrmModule, MikroOrmModuleAsyncOptions, MikroOrmModuleOptions } from '@mikro-orm/nestjs';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { HYDRATOR_CONFIG, HydratorConfig } from '@hydrator/config';
import { mikroOrmOptions } from './mikro-orm.config';

/**
 * Routes that use no entity manager state (raw statements only), so they are spared the per-request
 * identity map MikroORM forks for every other route. `POST /webhooks/jenkins` is the hottest route.
 */
export const ROUTES_WITHOUT_REQUEST_CONTEXT = [{ path: 'webhooks/jenkins', method: RequestMethod.POST }];

/**
 * The module's options. `registerRequestContext` is read from these at runtime (the core module injects
 * the async options as its options), though @mikro-orm/nestjs 6.1 types it on the synchronous options only.
 */
const ormModuleOptions: MikroOrmModuleAsyncOptions & Pick<MikroOrmModuleOptions, 'registerRequestContext'> = {
  inject: [HYDRATOR_CONFIG],
  useFactory: (config: HydratorConfig) => mikroOrmOptions(config.databaseUrl),
  // Lets Nest inject the PostgreSQL EntityManager (with its query builder) rather than the core one.
  driver: PostgreSqlDriver,
  // Registered by DatabaseModule itself, leaving out ROUTES_WITHOUT_REQUEST_CONTEXT.
  registerRequestContext: false,
};

/** PostgreSQL through MikroORM, configured from the validated configuration. */
@Module({ imports: [MikroOrmModule.forRootAsync(ormModuleOptions)] })
export class DatabaseModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // Every request its own identity map (what MikroOrmModule registers by default), but for the routes above.
    consumer
      .apply(MikroOrmMiddleware)
      .exclude(...ROUTES_WITHOUT_REQUEST_CONTEXT)
      .forRoutes({ path: '{*all}', method: RequestMethod.ALL });
  }
}
