import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { HYDRATOR_CONFIG, HydratorConfig } from '@hydrator/config';
import { RegistryCoreModule, RegistryReader } from '@hydrator/registry';
import { QueueAdminModule } from './admin/queue-admin.module';
import { AuthModule } from './auth/auth.module';
import { GraphqlAuthGuard } from './auth/graphql-auth.guard';
import { TokenAuthority } from './auth/token-authority';
import { graphqlOptions } from './graphql/graphql-options';
import './graphql/models/enums';
import { ApplicationsResolver } from './registry/applications.resolver';
import { TargetsResolver } from './registry/targets.resolver';
import { JenkinsWebhookController } from './webhooks/jenkins-webhook.controller';

/** The gateway: GraphQL API and playground, Jenkins webhook ingestion, queue admin. */
@Module({
  imports: [
    AuthModule,
    RegistryCoreModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [AuthModule, RegistryCoreModule],
      inject: [HYDRATOR_CONFIG, TokenAuthority, RegistryReader],
      useFactory: graphqlOptions,
    }),
    QueueAdminModule,
  ],
  controllers: [JenkinsWebhookController],
  providers: [ApplicationsResolver, TargetsResolver, { provide: APP_GUARD, useClass: GraphqlAuthGuard }],
})
export class GatewayModule {}
