/**
 * The scenario-wide limits of docs/reference/language.md §2: threads after arrays are expanded, LWPs
 * (initial pools, concurrency, bound and one_to_one threads) and synchronisation objects.
 * Each total is counted in text order from the declarations as written, never expanded, and
 * reported once, as `invalid-value` at the declaration that crosses it. Linear in the number
 * of settings, declarations and threads.
 */
import type { DeclNode, FileNode, IntLit, ProcessNode, SettingNode, Span, ThreadNode } from './ast';
import { modelOf } from './check-settings';
import { diag } from './check-util';
import type { Diagnostic } from './diagnostic';
import { groupDigits, LIMITS } from './limits';
import { DEFAULTS } from './model';

/** One declaration's share of a total: where to report it and how many it adds. */
interface Share {
  span: Span;
  count: number;
}

/** The length of an array as written, when valid (an invalid one is reported on its own). */
function lengthOf(size: IntLit | null): number {
  if (!size) return 1;
  return size.value >= 1 && size.value <= LIMITS.arrayLength ? size.value : 0;
}

function pooled(s: SettingNode | undefined): number | null {
  if (!s || !('value' in s.value)) return null;
  return s.value.value >= 0 && s.value.value <= LIMITS.poolLwps ? s.value.value : null;
}

/** The LWPs a process asks for, in text order. */
function lwpShares(p: ProcessNode): Share[] {
  const model = modelOf(p);
  const name: Span = p.name ?? p;
  if (model === 'many_to_one') return [{ span: name, count: 1 }];
  const threads = (t: ThreadNode): Share => ({ span: t.size ?? t.name, count: lengthOf(t.size) });
  if (model === 'one_to_one') return p.threads.map(threads);
  const lwps = p.settings.find((s) => s.key === 'lwps');
  const concurrency = p.settings.find((s) => s.key === 'concurrency');
  const n = pooled(lwps) ?? DEFAULTS.lwps;
  const c = pooled(concurrency) ?? DEFAULTS.concurrency;
  // The pool starts with `lwps` LWPs and the library keeps at least `concurrency`.
  const poolAt: Span = c > n && concurrency ? concurrency.value : lwps ? lwps.value : name;
  const bound = p.threads.filter((t) => t.attrs.some((a) => a.name === 'bound')).map(threads);
  return [{ span: poolAt, count: Math.max(n, c) }, ...bound].sort((a, b) => a.span.start - b.span.start);
}

function syncShares(p: ProcessNode): Share[] {
  return p.decls.map((d: DeclNode) => ({ span: d.size ?? d.name, count: lengthOf(d.size) }));
}

function threadShares(p: ProcessNode): Share[] {
  return p.threads.map((t) => ({ span: t.size ?? t.name, count: lengthOf(t.size) }));
}

/** Reports the first share that takes the running total over `limit`. */
function total(shares: Iterable<Share>, limit: number, what: string, out: Diagnostic[]): void {
  let sum = 0;
  for (const s of shares) {
    sum += s.count;
    if (sum > limit) {
      out.push(
        diag(
          'invalid-value',
          s.span,
          `with this declaration the scenario has ${groupDigits(sum)} ${what}, over the limit of ${groupDigits(limit)} ${what} in a scenario`,
        ),
      );
      return;
    }
  }
}

function* each(ast: FileNode, shares: (p: ProcessNode) => Share[]): Generator<Share> {
  for (const p of ast.processes) yield* shares(p);
}

/** Checks the scenario's totals of threads, LWPs and synchronisation objects. */
export function checkTotals(ast: FileNode, out: Diagnostic[]): void {
  total(each(ast, threadShares), LIMITS.threads, 'threads', out);
  total(each(ast, lwpShares), LIMITS.scenarioLwps, 'LWPs', out);
  total(each(ast, syncShares), LIMITS.syncObjects, 'mutexes, condition variables and semaphores', out);
}
