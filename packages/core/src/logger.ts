/**
 * Where the client reports what it does. `console` fits. Fields are plain data (method,
 * path, status, attempt, delay, request id): never headers, bodies, tokens or secrets.
 */
export interface DiditLogger {
  debug?(message: string, fields?: Record<string, unknown>): void;
  info?(message: string, fields?: Record<string, unknown>): void;
  warn?(message: string, fields?: Record<string, unknown>): void;
  error?(message: string, fields?: Record<string, unknown>): void;
}
