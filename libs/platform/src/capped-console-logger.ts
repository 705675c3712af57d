import { ConsoleLogger, LogLevel } from '@nestjs/common';
import { capLogText } from '@hydrator/common';

/**
 * Nest's console logger with every message and stack capped (see `capLogText`): whatever a library or
 * a careless caller passes to a logger, no line grows past a few KB.
 */
export class CappedConsoleLogger extends ConsoleLogger {
  protected override stringifyMessage(message: unknown, logLevel: LogLevel): string {
    // Strings are cut before they are coloured, so the colour's closing code survives the cut.
    if (typeof message === 'string') return String(super.stringifyMessage(capLogText(message), logLevel));
    return capLogText(String(super.stringifyMessage(message, logLevel)));
  }

  protected override printStackTrace(stack: unknown): void {
    // Callers pass anything as the "stack" argument (Terminus passes a JSON report).
    if (stack !== undefined && stack !== null && stack !== '') super.printStackTrace(capLogText(typeof stack === 'string' ? stack : JSON.stringify(stack)));
  }
}
