import { Args, Context, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RegistryReader } from '@hydrator/registry';
import type { GatewayContext } from '../graphql/gateway-context';
import { DeploymentReportModel } from '../graphql/models/deployment-report.model';
import { TargetModel } from '../graphql/models/target.model';

/** A target's current rev (its latest successful report) and the reports nobody claimed. */
@Resolver(() => TargetModel)
export class TargetsResolver {
  constructor(private readonly reader: RegistryReader) {}

  @ResolveField(() => String, { nullable: true, description: 'Rev of the latest successful report, by finish time.' })
  async currentRev(@Parent() target: TargetModel, @Context() context: GatewayContext): Promise<string | null> {
    return (await context.loaders.currentReport.load(target.id))?.gitRev ?? null;
  }

  @ResolveField(() => DeploymentReportModel, { nullable: true })
  async currentReport(@Parent() target: TargetModel, @Context() context: GatewayContext): Promise<DeploymentReportModel | null> {
    const report = await context.loaders.currentReport.load(target.id);
    return report && DeploymentReportModel.from(report);
  }

  @Query(() => [DeploymentReportModel], { description: 'Jenkins reports that matched no registered job or target, newest first.' })
  async unmatchedReports(@Args('limit', { type: () => Int, defaultValue: 50 }) limit: number): Promise<DeploymentReportModel[]> {
    return (await this.reader.unmatchedReports(Math.min(Math.max(limit, 1), 500))).map((row) => DeploymentReportModel.from(row));
  }
}
