import 'reflect-metadata';
import { runMain, startHydratorService } from '@hydrator/platform';
import { GatewayModule } from './gateway.module';

/** The gateway alone (GraphQL, webhooks, queue admin): run any number of replicas behind a load balancer. */
runMain('gateway', () => startHydratorService({ service: 'gateway', modules: [GatewayModule] }));
