import { LogLevel } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Params } from 'nestjs-pino';
import pino, { DestinationStream, Level, Logger, LoggerOptions } from 'pino';
import { capLogText, MAX_LOG_LINE } from '@hydrator/common';
import { HydratorConfig } from '@hydrator/config';

export type LogFormat = 'json' | 'pretty';

/** What every structured line may carry besides `level`, `time`, `msg`. */
export const REDACTED = '[REDACTED]';

/**
 * Paths pino blanks out wherever a caller passes such an object: credentials, headers that carry them,
 * and bodies (a webhook's or an API call's payload is data, not something to keep in a log).
 */
export const REDACTED_PATHS = [
  'token',
  '*.token',
  'secret',
  '*.secret',
  'password',
  '*.password',
  'apiToken',
  '*.apiToken',
  'authorization',
  '*.authorization',
  'cookie',
  '*.cookie',
  'body',
  '*.body',
  'payload',
  '*.payload',
  'headers.authorization',
  'headers.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-slack-signature"]',
  'req.body',
  'res.headers["set-cookie"]',
  'res.body',
];

const SECRET_PATTERNS: Array<[RegExp, string]> = [
  // `?token=…` (the Jenkins webhook), and any other credential carried in a query string or form.
  [/([?&;](?:token|secret|api[_-]?key|password|signature|sig)=)[^&\s"'#]+/gi, `$1${REDACTED}`],
  // Authorization header values quoted in a message.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{4,}/g, `$1 ${REDACTED}`],
  // Credentials in a URL: scheme://user:password@host.
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:)[^\s/@]+@/gi, `$1${REDACTED}@`],
];

/** A message or URL with the credentials it may quote blanked out. */
export function scrubSecrets(text: string): string {
  let result = text;
  for (const [pattern, replacement] of SECRET_PATTERNS) result = result.replace(pattern, replacement);
  return result;
}

/** A log message: credentials blanked, and short enough that the whole JSON line stays under {@link MAX_LOG_LINE}. */
export function safeLogText(text: string): string {
  return capLogText(scrubSecrets(text), MAX_LOG_LINE - 1024);
}

/** `LOG_FORMAT`, else pretty in a terminal (when pino-pretty is installed) and JSON anywhere else. */
export function chooseLogFormat(configured: LogFormat | undefined, isTerminal = process.stdout.isTTY === true): LogFormat {
  const wanted = configured ?? (isTerminal ? 'pretty' : 'json');
  return wanted === 'pretty' && prettyAvailable() ? 'pretty' : 'json';
}

function prettyAvailable(): boolean {
  try {
    require.resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

const NEST_TO_PINO: Record<LogLevel, Level> = { verbose: 'trace', debug: 'debug', log: 'info', warn: 'warn', error: 'error', fatal: 'fatal' };
const ORDER: Level[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

/** The lowest pino level among Nest log levels (tests pass `['error', 'warn']`). */
export function pinoLevelOf(levels: LogLevel[]): Level {
  return ORDER.find((level) => levels.some((nest) => NEST_TO_PINO[nest] === level)) ?? 'info';
}

/**
 * How a request appears in a line: never its headers, body or query credentials. Given the raw
 * request (pino-http's access line, which does not wrap serializers) or an already plain one.
 */
function requestSerializer(req: { id?: unknown; method?: string; url?: string; originalUrl?: string; remoteAddress?: string; socket?: { remoteAddress?: string } }) {
  const url = req.originalUrl ?? req.url;
  return { id: req.id, method: req.method, url: url === undefined ? undefined : scrubSecrets(url), remoteAddress: req.remoteAddress ?? req.socket?.remoteAddress };
}

function responseSerializer(res: { statusCode?: number }) {
  return { statusCode: res.statusCode };
}

function errorSerializer(error: unknown) {
  const serialized = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
  if (typeof serialized !== 'object' || serialized === null) return serialized;
  // Only what says what failed: a driver error's extra properties may carry the statement's values.
  return {
    type: serialized.type,
    message: typeof serialized.message === 'string' ? safeLogText(serialized.message) : serialized.message,
    code: serialized.code,
    stack: typeof serialized.stack === 'string' ? capLogText(scrubSecrets(serialized.stack), 2048) : undefined,
  };
}

/**
 * The last guard of the 4 KB rule, on the JSON destination: a line still too long (fields a caller
 * passed) is replaced by its head fields and a cut message, so it stays one parseable JSON line.
 */
export function cappedDestination(target: { write(line: string): unknown } = process.stdout): DestinationStream {
  return {
    write(line: string) {
      if (line.length <= MAX_LOG_LINE) return void target.write(line);
      let head: Record<string, unknown>;
      try {
        const parsed = JSON.parse(line) as Record<string, unknown>;
        head = {
          level: parsed.level,
          time: parsed.time,
          service: parsed.service,
          context: parsed.context,
          requestId: parsed.requestId,
          rolloutId: parsed.rolloutId,
          deploymentId: parsed.deploymentId,
          attempt: parsed.attempt,
          msg: typeof parsed.msg === 'string' ? capLogText(parsed.msg, 1024) : undefined,
        };
      } catch {
        head = { msg: capLogText(line, 1024) };
      }
      target.write(`${JSON.stringify({ ...head, truncated: line.length })}\n`);
    },
  };
}

export interface LoggingOptions {
  service: string;
  config: HydratorConfig;
  /** Overrides LOG_LEVEL (tests keep warnings and errors only). */
  logLevels?: LogLevel[];
  /** Where JSON lines go; stdout by default. Tests pass a collector. */
  destination?: { write(line: string): unknown };
}

/** The pino logger of a process: its service name on every line, redaction, capped and scrubbed messages. */
export function createRootLogger(options: LoggingOptions): Logger {
  const format = options.destination ? 'json' : chooseLogFormat(options.config.logFormat);
  const pinoOptions: LoggerOptions = {
    level: options.logLevels ? pinoLevelOf(options.logLevels) : options.config.logLevel,
    base: { service: options.service, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: REDACTED },
    serializers: { err: errorSerializer, error: errorSerializer, req: requestSerializer, res: responseSerializer },
    hooks: {
      logMethod(args, method) {
        const safe = args.map((arg) => (typeof arg === 'string' ? safeLogText(arg) : arg));
        return method.apply(this, safe as Parameters<typeof method>);
      },
    },
  };
  if (format === 'pretty') {
    return pino({
      ...pinoOptions,
      transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', singleLine: false } },
    });
  }
  return pino({ ...pinoOptions, formatters: { level: (label) => ({ level: label }) } }, cappedDestination(options.destination));
}

/**
 * nestjs-pino's parameters: every request gets an id (the caller's `x-request-id` when it is a sane
 * one, else a new UUID), answered back in `x-request-id` and carried as `requestId` by every line
 * written while handling it; health probes and metric scrapes are not logged.
 */
export function loggerParams(logger: Logger): Params {
  return {
    pinoHttp: {
      logger,
      quietReqLogger: true,
      customAttributeKeys: { reqId: 'requestId' },
      serializers: { req: requestSerializer, res: responseSerializer, err: errorSerializer },
      // The serializers above take the raw request and response: pino-http's wrapping would first copy
      // every header and parse the query string of each request only for them to be dropped.
      wrapSerializers: false,
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(given) ? given : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      autoLogging: { ignore: (req: IncomingMessage) => /^\/(health|metrics)(\/|$|\?)/.test(req.url ?? '') },
      customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
    },
  };
}
