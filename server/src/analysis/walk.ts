/** Small traversals of thread bodies shared by the analyses. */
import type { ProcessModel, Stmt } from '../language/model';

/** Calls `fn` on every statement of a body, `repeat` bodies included (iteratively). */
export function forEachStmt(body: Stmt[], fn: (st: Stmt) => void): void {
  const stack: Stmt[][] = [body];
  while (stack.length > 0) {
    const b = stack.pop() as Stmt[];
    for (const st of b) {
      fn(st);
      if (st.op === 'repeat') stack.push(st.body);
    }
  }
}

/** For each mutex of the process, the indices of the threads that `lock` or `wait` on it. */
export function mutexUsers(proc: ProcessModel): Set<number>[] {
  const users = proc.mutexes.map(() => new Set<number>());
  for (const t of proc.threads) {
    forEachStmt(t.body, (st) => {
      if (st.op === 'lock' || st.op === 'wait') users[st.mutex]?.add(t.index);
    });
  }
  return users;
}

/** The largest `set_concurrency` level any thread of the process asks for (0 when none). */
export function maxSetConcurrency(proc: ProcessModel): number {
  let max = 0;
  for (const t of proc.threads) {
    forEachStmt(t.body, (st) => {
      if (st.op === 'set_concurrency' && st.level > max) max = st.level;
    });
  }
  return max;
}
