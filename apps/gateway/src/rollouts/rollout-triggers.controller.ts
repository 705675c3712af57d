import { Controller, HttpCode, Post, Query, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { RolloutRunner } from '@hydrator/runner';
import { ScheduleService } from '@hydrator/scheduling';
import { OperatorHttpGuard } from '../auth/operator-http.guard';
import { Caller } from '../auth/token-authority';

/** REST triggers for the Jenkins jobs that drive the week: `POST /api/rollouts/schedule` (Monday), `POST /api/rollouts/run` (Wednesday). */
@Controller('api/rollouts')
@UseGuards(OperatorHttpGuard)
export class RolloutTriggersController {
  constructor(
    private readonly scheduling: ScheduleService,
    private readonly runner: RolloutRunner,
  ) {}

  @Post('schedule')
  @HttpCode(200)
  async schedule(@Req() request: Request & { caller: Caller }) {
    const { rollout, created } = await this.scheduling.schedule(request.caller);
    await rollout.deployments.init();
    return { id: rollout.id, weekOf: rollout.weekOf, status: rollout.status, created, deployments: rollout.deployments.length, skipped: rollout.skipped };
  }

  /** Runs or resumes the current planned or halted rollout (`?id=` for another one). */
  @Post('run')
  @HttpCode(200)
  async run(@Req() request: Request & { caller: Caller }, @Query('id') id?: string) {
    const rollout = await this.runner.run(request.caller, id);
    return { id: rollout.id, weekOf: rollout.weekOf, status: rollout.status };
  }
}
