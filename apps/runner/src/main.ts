import 'reflect-metadata';
import { runMain, startHydratorService } from '@hydrator/platform';
import { RunnerModule } from './runner.module';

/** The runner service alone (runs rollouts through Jenkins (workflow 4)). */
runMain('runner', () => startHydratorService({ service: 'runner', modules: [RunnerModule] }));
