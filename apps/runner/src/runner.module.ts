import { Module } from '@nestjs/common';

/** The runner service: runs rollouts through Jenkins (workflow 4). Its processors arrive with that workflow; the deployable already exists. */
@Module({})
export class RunnerModule {}
