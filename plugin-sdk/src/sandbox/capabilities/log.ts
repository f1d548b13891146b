// host.log: structured, size-capped, rate-limited and redacted. Lines are
// returned with the call's result and written by the kernel's logger.
import { type LogFields } from '../../host-api';

export type LogLevel = 'info' | 'warn' | 'error';

export interface PluginLogLine {
  level: LogLevel;
  message: string;
  fields?: LogFields;
}

export const maxLogLinesPerCall = 100;
const maxMessageLength = 2_048;
const maxFields = 20;
const secretLikeKey = /pass(word)?|token|secret|authorization|api[-_]?key|private[-_]?key|cookie/i;

export class CallLog {
  readonly lines: PluginLogLine[] = [];
  dropped = 0;

  constructor(private readonly secretValues: readonly string[]) {}

  write(level: unknown, message: unknown, fields: unknown): void {
    if (this.lines.length >= maxLogLinesPerCall) {
      this.dropped += 1;
      return;
    }
    const line: PluginLogLine = {
      level: level === 'warn' || level === 'error' ? level : 'info',
      message: this.redact(String(message).slice(0, maxMessageLength)),
    };
    const cleanFields = this.cleanFields(fields);
    if (cleanFields) line.fields = cleanFields;
    this.lines.push(line);
  }

  /** The lines, plus one saying how many were dropped by the rate limit. */
  drain(): PluginLogLine[] {
    if (this.dropped === 0) return this.lines;
    return [
      ...this.lines,
      { level: 'warn', message: `${this.dropped} more log lines dropped (limit ${maxLogLinesPerCall} per call)` },
    ];
  }

  private cleanFields(fields: unknown): LogFields | undefined {
    if (fields === null || typeof fields !== 'object') return undefined;
    const result: LogFields = {};
    for (const [key, value] of Object.entries(fields as Record<string, unknown>).slice(0, maxFields)) {
      if (secretLikeKey.test(key)) result[key] = '[redacted]';
      else if (typeof value === 'string') result[key] = this.redact(value.slice(0, maxMessageLength));
      else if (typeof value === 'number' || typeof value === 'boolean' || value === null) result[key] = value;
    }
    return result;
  }

  private redact(text: string): string {
    let result = text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi, '$1***@');
    for (const secret of this.secretValues) {
      if (secret.length >= 4) result = result.split(secret).join('[redacted]');
    }
    return result;
  }
}
