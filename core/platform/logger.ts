export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
/** Fields must be ids, codes and counts: never names, document text or other personal data. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields & { stack?: string }): void;
  child(fields: LogFields): Logger;
}

export interface LogSink {
  write(line: string): void;
}

export const stderrSink: LogSink = { write: (line) => process.stderr.write(line + '\n') };

/** Keeps lines in memory; tests assert on what was logged. */
export const memorySink = (): LogSink & { lines: string[] } => {
  const lines: string[] = [];
  return { lines, write: (line) => lines.push(line) };
};

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function createLogger(sinks: LogSink[], minLevel: LogLevel = 'info', base: LogFields = {}): Logger {
  const log = (level: LogLevel, msg: string, fields: LogFields = {}) => {
    if (order[level] < order[minLevel]) return;
    const line = JSON.stringify({ t: new Date().toISOString(), level, msg, ...base, ...fields });
    for (const sink of sinks) sink.write(line);
  };
  return {
    debug: (m, f) => log('debug', m, f),
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
    child: (fields) => createLogger(sinks, minLevel, { ...base, ...fields }),
  };
}

export const silentLogger: Logger = createLogger([]);
