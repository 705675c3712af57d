import { MikroOrmModule } from '@mikro-orm/nestjs';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Module } from '@nestjs/common';
import { HYDRATOR_CONFIG, HydratorConfig } from '@hydrator/config';
import { mikroOrmOptions } from './mikro-orm.config';

/** PostgreSQL through MikroORM, configured from the validated configuration. */
@Module({
  imports: [
    MikroOrmModule.forRootAsync({
      inject: [HYDRATOR_CONFIG],
      useFactory: (config: HydratorConfig) => mikroOrmOptions(config.databaseUrl),
      // Lets Nest inject the PostgreSQL EntityManager (with its query builder) rather than the core one.
      driver: PostgreSqlDriver,
    }),
  ],
})
export class DatabaseModule {}
