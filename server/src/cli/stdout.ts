/**
 * Standard output as docs/reference/cli.md wants it: a reader that goes away (`| head`) ends the output
 * quietly (nothing more is written; the command still finishes the work that decides its
 * status and exits with it); any other write error (a full disk) is one line and exit 2.
 */
import { escapeControls } from '../language/escape';
import { reasonOf } from './errors';

let closed = false;
let failure: string | null = null;

function onError(e: NodeJS.ErrnoException): void {
  if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') closed = true;
  else failure ??= `cannot write to standard output: ${reasonOf(e)}`;
  closed = true;
}

/** Installs the handlers; call once before writing. */
export function guardStdout(): void {
  process.stdout.on('error', onError);
  // A closed stderr must not crash the command either; there is nowhere left to say so.
  process.stderr.on('error', () => {});
}

/** Writes text to stdout unless the reader is gone. */
export function out(text: string): void {
  if (closed) return;
  try {
    process.stdout.write(text);
  } catch (e) {
    onError(e as NodeJS.ErrnoException);
  }
}

/** Writes text taken from the input to stdout, its control characters escaped (line breaks kept). */
export function outText(text: string): void {
  out(text.split('\n').map(escapeControls).join('\n'));
}

/** The write error of stdout other than a closed reader, or null. */
export function stdoutFailure(): string | null {
  return failure;
}
