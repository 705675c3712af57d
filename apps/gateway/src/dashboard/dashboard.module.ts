import { Logger, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { DashboardController, DASHBOARD_FILES } from './dashboard.controller';
import { dashboardDirectory, DashboardFiles } from './dashboard-files';
import { GraphiqlRedirectMiddleware } from './graphiql-redirect.middleware';

/** The web dashboard (apps/dashboard, built by `npm run build`) and GraphiQL, served by the gateway. */
@Module({
  controllers: [DashboardController],
  providers: [
    {
      provide: DASHBOARD_FILES,
      useFactory: () => {
        const directory = dashboardDirectory();
        if (!directory) new Logger('Dashboard').warn('the dashboard is not built (no dist/dashboard/index.html): run `npm run build`; its pages answer 503 meanwhile');
        return new DashboardFiles(directory);
      },
    },
  ],
})
export class DashboardModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(GraphiqlRedirectMiddleware).forRoutes({ path: 'graphql', method: RequestMethod.GET });
  }
}
