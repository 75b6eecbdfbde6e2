/** What a thread waits for, as its lane's spans say it ("mutex m", "join a, b"). Pure, imports nothing. */

/** What a thread waits for, parsed from its span's reason. */
export interface WaitTarget {
  kind: 'mutex' | 'condvar' | 'semaphore' | 'join';
  /** The object's name, or the joined threads' names. */
  names: string[];
}

/** Parses a span reason ("mutex m", "condvar c", "semaphore s", "join a, b"). */
export function parseWait(reason: string | undefined): WaitTarget | null {
  if (!reason) return null;
  const sp = reason.indexOf(' ');
  const kind = reason.slice(0, sp);
  const rest = reason.slice(sp + 1);
  if (kind === 'mutex' || kind === 'condvar' || kind === 'semaphore') return { kind, names: [rest] };
  if (kind === 'join') return { kind, names: rest.split(', ') };
  return null;
}
