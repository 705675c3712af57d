import { Global, Module } from '@nestjs/common';
import { HydratorConfig, loadConfig } from './hydrator-config';

/** Injection token of the process's one validated {@link HydratorConfig}. */
export const HYDRATOR_CONFIG = Symbol('HYDRATOR_CONFIG');

/** Makes the validated configuration injectable everywhere: `@Inject(HYDRATOR_CONFIG) config: HydratorConfig`. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: HydratorConfig = loadConfig()) {
    return {
      module: ConfigModule,
      providers: [{ provide: HYDRATOR_CONFIG, useValue: config }],
      exports: [HYDRATOR_CONFIG],
    };
  }
}
