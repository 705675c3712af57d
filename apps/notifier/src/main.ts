import 'reflect-metadata';
import { runMain, startHydratorService } from '@hydrator/platform';
import { NotifierModule } from './notifier.module';

/** The notifier service alone (delivers Slack and Jira messages from the outbox). */
runMain('notifier', () => startHydratorService({ service: 'notifier', modules: [NotifierModule] }));
