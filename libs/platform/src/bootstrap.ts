import { DynamicModule, INestApplication, Logger, LogLevel, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { describeError } from '@hydrator/common';
import { ConfigError, HydratorConfig, loadConfig } from '@hydrator/config';
import { CappedConsoleLogger } from './capped-console-logger';
import { HttpExceptionFilter } from './http-exception.filter';
import { jsonBody } from './json-body.middleware';
import { PlatformModule } from './platform.module';
import { applySecurityHeaders } from './security-headers';

export interface StartOptions {
  /** Name in logs: `gateway`, `runner`, `hydrator` (everything in one process)… */
  service: string;
  modules: Array<Type | DynamicModule>;
  config?: HydratorConfig;
  /** Port to listen on; defaults to `PORT`. 0 picks a free one (tests). */
  port?: number;
  /** Log levels; default error, warn and log. Tests keep errors and warnings only. */
  logLevels?: LogLevel[];
}

/**
 * Builds and starts one Hydrator process: security headers on every route, JSON bodies above 1 MiB
 * refused with 413, log lines capped.
 */
export async function startHydratorService(options: StartOptions): Promise<INestApplication> {
  const config = options.config ?? loadConfig();
  const app = await NestFactory.create<NestExpressApplication>(PlatformModule.forRoot(config, options.modules), {
    bufferLogs: false,
    abortOnError: false,
    bodyParser: false,
    logger: new CappedConsoleLogger({ logLevels: options.logLevels ?? ['error', 'warn', 'log'] }),
  });
  applySecurityHeaders(app);
  app.use(jsonBody());
  app.useGlobalFilters(new HttpExceptionFilter());
  app.enableShutdownHooks();
  await app.listen(options.port ?? config.port, '0.0.0.0');
  return app;
}

/** Runs `main` and turns a configuration error into a clear message and exit code 2, never a stack trace. */
export function runMain(service: string, main: () => Promise<unknown>): void {
  main().catch((error: unknown) => {
    if (error instanceof ConfigError) {
      console.error(`${service}: ${error.message}`);
      process.exit(2);
    }
    new Logger(service).error(describeError(error));
    process.exit(1);
  });
}
