import 'reflect-metadata';
import { runMain, startHydratorService } from '@hydrator/platform';
import { RunnerModule } from './runner.module';

/** The runner service alone (runs rollouts through Jenkins (the run: docs/weekly-cycle.md)). */
runMain('runner', () => startHydratorService({ service: 'runner', modules: [RunnerModule] }));
