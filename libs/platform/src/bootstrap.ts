import { DynamicModule, INestApplication, Logger, LogLevel, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger as PinoNestLogger, LoggerModule } from 'nestjs-pino';
import { describeError } from '@hydrator/common';
import { ConfigError, HydratorConfig, loadConfig } from '@hydrator/config';
import { HttpExceptionFilter } from './http-exception.filter';
import { jsonBody } from './json-body.middleware';
import { createRootLogger, loggerParams } from './logging';
import { PlatformModule } from './platform.module';
import { applySecurityHeaders } from './security-headers';
import { installGracefulShutdown, ShutdownModule } from './shutdown';

export interface StartOptions {
  /** `service` on every log line: `gateway`, `runner`, `hydrator` (everything in one process)… */
  service: string;
  modules: Array<Type | DynamicModule>;
  config?: HydratorConfig;
  /** Port to listen on; defaults to `PORT`. 0 picks a free one (tests). */
  port?: number;
  /** Log levels, overriding LOG_LEVEL. Tests keep errors and warnings only. */
  logLevels?: LogLevel[];
  /** Where the JSON log lines go instead of stdout (tests). */
  logDestination?: { write(line: string): unknown };
  /**
   * Graceful shutdown on SIGTERM/SIGINT (see installGracefulShutdown); default true. Tests running
   * services inside the test process turn it off and close them themselves.
   */
  handleSignals?: boolean;
  /** Runs after a signal-driven shutdown closed the application, before the process exits. */
  afterShutdown?: () => Promise<unknown>;
}

/**
 * Builds and starts one Hydrator process: JSON logs (nestjs-pino), security headers on every route,
 * JSON bodies above 1 MiB refused with 413, graceful shutdown on SIGTERM.
 */
export async function startHydratorService(options: StartOptions): Promise<INestApplication> {
  const config = options.config ?? loadConfig();
  const rootLogger = createRootLogger({ service: options.service, config, logLevels: options.logLevels, destination: options.logDestination });
  const app = await NestFactory.create<NestExpressApplication>(PlatformModule.forRoot(config, [LoggerModule.forRoot(loggerParams(rootLogger)), ShutdownModule, ...options.modules]), {
    bufferLogs: true,
    abortOnError: false,
    bodyParser: false,
  });
  app.useLogger(app.get(PinoNestLogger));
  app.flushLogs();
  applySecurityHeaders(app);
  app.use(jsonBody());
  app.useGlobalFilters(new HttpExceptionFilter());
  if (options.handleSignals ?? !isInsideJest()) installGracefulShutdown(app, config, { afterClose: options.afterShutdown });
  await app.listen(options.port ?? config.port, '0.0.0.0');
  return app;
}

function isInsideJest(): boolean {
  return process.env.JEST_WORKER_ID !== undefined;
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
