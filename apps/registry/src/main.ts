import 'reflect-metadata';
import { runMain, startHydratorService } from '@hydrator/platform';
import { RegistryServiceModule } from './registry-service.module';

/** The registry service alone: any number of replicas may record reports side by side. */
runMain('registry', () => startHydratorService({ service: 'registry', modules: [RegistryServiceModule] }));
