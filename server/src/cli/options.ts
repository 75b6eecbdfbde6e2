import { readFileSync } from 'node:fs';

/** Bad usage or an unreadable file: printed as one line on stderr, exit 2. */
export class UsageError extends Error {}

export interface CommandOptions {
  json: boolean;
  events: boolean;
  seed?: number;
  horizon?: number;
  maxEvents?: number;
  trace?: string;
  html?: string;
  /** A choices file to replay (`run --replay`). */
  replay?: string;
}

/** Reads a scenario file, or throws a UsageError with a one-line reason. */
export function readScenario(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : (e as Error).message;
    throw new UsageError(`cannot read ${file}: ${why}`);
  }
}
