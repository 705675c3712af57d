import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { HYDRATOR_CONFIG } from '@hydrator/config';
import { LiveUpdatesModule } from '@hydrator/live';
import { RegistryCoreModule, RegistryReader } from '@hydrator/registry';
import { NotifierCoreModule } from '@hydrator/notifier';
import { OperationsModule } from '@hydrator/operations';
import { RunnerCoreModule, RunProgressReader } from '@hydrator/runner';
import { RolloutReader, SchedulingCoreModule } from '@hydrator/scheduling';
import { QueueAdminModule } from './admin/queue-admin.module';
import { AnalyticsApiModule } from './analytics/analytics-api.module';
import { AuthModule } from './auth/auth.module';
import { CallerResolver } from './auth/caller.resolver';
import { DashboardModule } from './dashboard/dashboard.module';
import { GraphqlAuthGuard } from './auth/graphql-auth.guard';
import { TokenAuthority } from './auth/token-authority';
import { graphqlOptions } from './graphql/graphql-options';
import './graphql/models/enums';
import { LiveResolver } from './live/live.resolver';
import { LiveSocketServer } from './live/live-socket.server';
import { OperationsResolver } from './operations/operations.resolver';
import { ApplicationsResolver } from './registry/applications.resolver';
import { TargetsResolver } from './registry/targets.resolver';
import { DeploymentsResolver, PlannedDeploymentsResolver } from './rollouts/deployments.resolver';
import { RolloutTriggersController } from './rollouts/rollout-triggers.controller';
import { RolloutsResolver } from './rollouts/rollouts.resolver';
import { ShortlogPreviewResolver } from './rollouts/shortlog-preview.resolver';
import { JenkinsWebhookController } from './webhooks/jenkins-webhook.controller';
import { CancelLinksController } from './cancel-links/cancel-links.controller';
import { SlackInteractionsController } from './slack/slack-interactions.controller';
import { SlackInteractions } from './slack/slack-interactions.service';

/** The gateway: GraphQL API and playground, REST triggers, Jenkins webhook ingestion, Slack interactivity, signed cancel links, queue admin. */
@Module({
  imports: [
    AuthModule,
    RegistryCoreModule,
    SchedulingCoreModule,
    RunnerCoreModule,
    OperationsModule,
    NotifierCoreModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [AuthModule, RegistryCoreModule, SchedulingCoreModule, RunnerCoreModule],
      inject: [HYDRATOR_CONFIG, TokenAuthority, RegistryReader, RolloutReader, RunProgressReader],
      useFactory: graphqlOptions,
    }),
    LiveUpdatesModule,
    QueueAdminModule,
    AnalyticsApiModule,
    DashboardModule,
  ],
  controllers: [JenkinsWebhookController, RolloutTriggersController, SlackInteractionsController, CancelLinksController],
  providers: [
    CallerResolver,
    OperationsResolver,
    ApplicationsResolver,
    TargetsResolver,
    RolloutsResolver,
    DeploymentsResolver,
    PlannedDeploymentsResolver,
    ShortlogPreviewResolver,
    LiveResolver,
    LiveSocketServer,
    SlackInteractions,
    { provide: APP_GUARD, useClass: GraphqlAuthGuard },
  ],
})
export class GatewayModule {}
