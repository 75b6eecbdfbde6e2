/** `unused-declaration` and `stack-too-small`. */
import type { ProcessModel, Stmt, SyncModel, ThreadSpec } from '../language/model';
import { simpleFinding, threadFinding, type Finding } from './findings';
import { processUses } from './walk';

/**
 * One hint per declaration (on its name) of a mutex, condvar or semaphore that no statement of
 * any thread refers to; an array is reported only when none of its elements is referred to.
 */
export function unusedFindings(proc: ProcessModel): Finding[] {
  const used = processUses(proc);
  return [
    ...unusedOf('mutex', proc.mutexes, used.mutexes),
    ...unusedOf('condvar', proc.condvars, used.condvars),
    ...unusedOf('semaphore', proc.semaphores, used.semaphores),
  ];
}

function unusedOf(kind: string, objects: SyncModel[], used: Set<number>): Finding[] {
  const byDecl = new Map<string, SyncModel[]>();
  for (const o of objects) {
    const list = byDecl.get(o.baseName);
    if (list) list.push(o);
    else byDecl.set(o.baseName, [o]);
  }
  const out: Finding[] = [];
  for (const [name, list] of byDecl) {
    if (list.some((o) => used.has(o.index))) continue;
    const what =
      list[0].arrayIndex === null ? `${kind} ${name} is never used` : `no element of ${kind} array ${name} is used`;
    out.push(simpleFinding('unused-declaration', 'hint', list[0].range, what));
  }
  return out;
}

/** Formats a byte count as the language writes sizes when it divides evenly (8k, 1m). */
export function formatSize(bytes: number): string {
  if (bytes > 0 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)}m`;
  if (bytes > 0 && bytes % 1024 === 0) return `${bytes / 1024}k`;
  return `${bytes}`;
}

function sizeText(bytes: number): string {
  const short = formatSize(bytes);
  return short === `${bytes}` ? `${bytes} bytes` : `${short} (${bytes} bytes)`;
}

/** `stack-too-small` for a reachable `stack_use` larger than the thread's stack. */
export function stackFinding(proc: ProcessModel, thread: ThreadSpec, st: Stmt): Finding | null {
  if (st.op !== 'stack_use' || st.bytes <= thread.stack) return null;
  const uses = sizeText(st.bytes);
  const has = sizeText(thread.stack);
  return threadFinding(
    'stack-too-small',
    'warning',
    st.range,
    {
      who: thread.name,
      one: `uses ${uses} of stack, more than its ${has} stack`,
      many: `use ${uses} of stack, more than their ${has} stacks`,
    },
    proc.redzone
      ? ': the red zone turns the overflow into a fault that kills the process'
      : ': with redzone off, the overflow silently overwrites the stack of the thread created next',
  );
}
