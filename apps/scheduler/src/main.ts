import 'reflect-metadata';
import { runMain, startHydratorService } from '@hydrator/platform';
import { SchedulerModule } from './scheduler.module';

/** The scheduler service alone (plans the weekly rollout (the weekly plan: docs/weekly-cycle.md)). */
runMain('scheduler', () => startHydratorService({ service: 'scheduler', modules: [SchedulerModule] }));
