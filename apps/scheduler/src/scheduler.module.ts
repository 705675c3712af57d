import { Module } from '@nestjs/common';

/** The scheduler service: plans the weekly rollout (workflow 3). Its processors arrive with that workflow; the deployable already exists. */
@Module({})
export class SchedulerModule {}
