/** One traversal of a process's thread bodies, shared by the analyses. */
import type { ProcessModel, Stmt } from '../language/model';

/** What the statements of a process refer to, dead code included. */
export interface ProcessUses {
  /** For each mutex, the indices of the threads that `lock` or `wait` on it. */
  lockers: Set<number>[];
  mutexes: Set<number>;
  condvars: Set<number>;
  semaphores: Set<number>;
  /** The largest `set_concurrency` level any thread asks for (0 when none). */
  maxSetConcurrency: number;
}

const cache = new WeakMap<ProcessModel, ProcessUses>();

/** One pass over every statement of the process (cached per process object). */
export function processUses(proc: ProcessModel): ProcessUses {
  const hit = cache.get(proc);
  if (hit) return hit;
  const u: ProcessUses = {
    lockers: proc.mutexes.map(() => new Set<number>()),
    mutexes: new Set(),
    condvars: new Set(),
    semaphores: new Set(),
    maxSetConcurrency: 0,
  };
  const stack: Stmt[][] = [];
  for (const t of proc.threads) {
    stack.push(t.body);
    while (stack.length > 0) {
      for (const st of stack.pop() as Stmt[]) {
        switch (st.op) {
          case 'lock':
            u.lockers[st.mutex]?.add(t.index);
            u.mutexes.add(st.mutex);
            break;
          case 'unlock':
            u.mutexes.add(st.mutex);
            break;
          case 'wait':
            u.lockers[st.mutex]?.add(t.index);
            u.mutexes.add(st.mutex);
            u.condvars.add(st.condvar);
            break;
          case 'signal':
          case 'broadcast':
            u.condvars.add(st.condvar);
            break;
          case 'sem_wait':
          case 'sem_post':
            u.semaphores.add(st.semaphore);
            break;
          case 'set_concurrency':
            if (st.level > u.maxSetConcurrency) u.maxSetConcurrency = st.level;
            break;
          case 'repeat':
            stack.push(st.body);
            break;
          default:
            break;
        }
      }
    }
  }
  cache.set(proc, u);
  return u;
}
