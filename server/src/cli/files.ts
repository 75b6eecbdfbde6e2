/**
 * The command's files: inputs read with a size cap (a device or a pipe that never ends is
 * refused, not read forever), outputs written whole or not at all, and never onto an input
 * (docs/reference/cli.md: compared after resolving links).
 */
import { closeSync, openSync, readSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { reasonOf, UsageError } from './errors';

/** The largest input read: scenarios and choices files are text of a few kilobytes. */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

/** Reads a UTF-8 text input (a leading byte order mark dropped), or throws a UsageError. */
export function readInput(file: string): string {
  if (file === '') throw new UsageError('an input file name is empty');
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${reasonOf(e)}`);
  }
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(64 * 1024);
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      total += n;
      if (total > MAX_INPUT_BYTES)
        throw new UsageError(`cannot read ${file}: larger than ${MAX_INPUT_BYTES >> 20} MiB`);
      chunks.push(buf.subarray(0, n));
    }
    const text = Buffer.concat(chunks).toString('utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read ${file}: ${reasonOf(e)}`);
  } finally {
    closeSync(fd);
  }
}

/** The path a name refers to once links are resolved (for a file not yet there, its folder's). */
function identity(path: string): string {
  const abs = resolve(path);
  try {
    return realpathSync(abs);
  } catch {
    try {
      return join(realpathSync(dirname(abs)), basename(abs));
    } catch {
      return abs;
    }
  }
}

/** A named file of the command line (`--html OUT`, the scenario FILE…). */
export interface NamedFile {
  /** How the command line names it: `--html`, `the scenario`. */
  role: string;
  path: string;
}

/**
 * Checks the outputs before any work: each is named, none is an input and no two are the same
 * file. Throws a UsageError naming both.
 */
export function checkOutputs(outputs: NamedFile[], inputs: NamedFile[]): void {
  const seen: { f: NamedFile; id: string }[] = inputs.map((f) => ({ f, id: identity(f.path) }));
  for (const o of outputs) {
    if (o.path === '') throw new UsageError(`${o.role} needs a file name`);
    const id = identity(o.path);
    const folder = kindOf(dirname(id));
    if (folder !== 'folder')
      throw new UsageError(
        `cannot write ${o.path}: ${folder === null ? 'no such folder' : 'a part of the path is not a folder'}`,
      );
    if (kindOf(id) === 'folder') throw new UsageError(`cannot write ${o.path}: is a directory`);
    const same = seen.find((s) => s.id === id);
    if (same) {
      const isInput = inputs.includes(same.f);
      throw new UsageError(
        `${o.role} ${o.path} is ${isInput ? '' : 'also '}${same.f.role}${isInput ? '' : ` (${same.f.path})`}: ` +
          `${isInput ? 'an output never replaces an input' : 'give each output its own file'}`,
      );
    }
    seen.push({ f: o, id });
  }
}

/**
 * Writes `chunks` to `path` through a temporary file in the same folder, renamed over the
 * target at the end: a failed write (a full disk) leaves the old file as it was.
 */
export function writeOutput(path: string, chunks: Iterable<string>): void {
  const target = identity(path);
  if (isSpecial(target)) return writeDirect(path, target, chunks);
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  let fd: number;
  try {
    fd = openSync(tmp, 'w');
  } catch (e) {
    throw new UsageError(`cannot write ${path}: ${reasonOf(e)}`);
  }
  try {
    for (const c of chunks) writeAll(fd, c);
    closeSync(fd);
    fd = -1;
    renameSync(tmp, target);
  } catch (e) {
    if (fd >= 0) closeSync(fd);
    rmSync(tmp, { force: true });
    throw new UsageError(`cannot write ${path}: ${reasonOf(e)}`);
  }
}

function kindOf(path: string): 'folder' | 'other' | null {
  try {
    return statSync(path).isDirectory() ? 'folder' : 'other';
  } catch {
    return null;
  }
}

/** True for a device or a pipe (`/dev/stdout`, a FIFO): written in place, never replaced. */
function isSpecial(path: string): boolean {
  try {
    return !statSync(path).isFile();
  } catch {
    return false;
  }
}

function writeDirect(path: string, target: string, chunks: Iterable<string>): void {
  let fd = -1;
  try {
    fd = openSync(target, 'w');
    for (const c of chunks) writeAll(fd, c);
  } catch (e) {
    throw new UsageError(`cannot write ${path}: ${reasonOf(e)}`);
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}

function writeAll(fd: number, text: string): void {
  const buf = Buffer.from(text, 'utf8');
  let off = 0;
  while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
}
