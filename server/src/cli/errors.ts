/**
 * The command's failures and their exit statuses (docs/reference/cli.md): a usage error, an unreadable input
 * or an output that cannot be written is one line on stderr and exit 2; anything else is an
 * internal error (a bug), one line `threadscape: internal error: …` and exit 3. Never a stack.
 */
import { escapeControls } from '../language/escape';

/** Bad usage, an unreadable input or an unwritable output: exit 2. */
export class UsageError extends Error {}

export const EXIT_USAGE = 2;
export const EXIT_INTERNAL = 3;

/** The reason of a file system error in a few words (`no such file`, `no space left on device`). */
export function reasonOf(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOSPC':
      return 'no space left on device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EROFS':
      return 'read-only file system';
    case 'EFBIG':
      return 'file too large';
    case 'ENAMETOOLONG':
      return 'file name too long';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'EIO':
      return 'input/output error';
    case 'EPIPE':
      return 'the reader has closed it';
    default:
      return code ?? (e instanceof Error ? e.message.split('\n')[0] : String(e));
  }
}

/** The one line printed for a failure, and the exit status. */
export function failureLine(e: unknown): { line: string; status: number } {
  if (e instanceof UsageError) return { line: `threadscape: ${escapeControls(e.message)}\n`, status: EXIT_USAGE };
  const what = e instanceof Error ? `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}` : String(e);
  return {
    line: `threadscape: internal error: ${escapeControls(what.split('\n')[0])}\n`,
    status: EXIT_INTERNAL,
  };
}

/** An internal error of the core reported by a pipeline that went on (`failure` of `diagnose`). */
export function internalFailure(failure: string): Error {
  return new Error(failure.split('\n')[0]);
}
