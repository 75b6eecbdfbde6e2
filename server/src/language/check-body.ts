/**
 * Checks of thread bodies: values of statements, references (unknown names with the closest
 * name of the right kind, wrong kinds, indices), `set_concurrency` outside many_to_many, and
 * `spawn` of a thread that is not deferred.
 */
import type { ProcessNode, RefNode, StmtNode, ThreadNode } from './ast';
import { closest, diag, intOk, limitOk, sizeOk } from './check-util';
import { LIMITS, POOL_LIMIT } from './limits';
import type { Diagnostic } from './diagnostic';
import type { ThreadingModel } from './model';
import { operandKinds, type SymbolKind, type SymbolTable } from './symbols';

interface Scope {
  process: ProcessNode;
  thread: ThreadNode;
  model: ThreadingModel;
  symbols: SymbolTable;
  out: Diagnostic[];
}

const ARTICLE: Record<SymbolKind, string> = {
  process: 'a process',
  thread: 'a thread',
  mutex: 'a mutex',
  condvar: 'a condvar',
  semaphore: 'a semaphore',
};

/** Checks every statement of a thread's body (and of its nested repeats). */
export function checkThreadBody(
  process: ProcessNode,
  thread: ThreadNode,
  model: ThreadingModel,
  symbols: SymbolTable,
  out: Diagnostic[],
): void {
  walk(thread.body, { process, thread, model, symbols, out });
}

function walk(body: StmtNode[], sc: Scope): void {
  for (const s of body) {
    switch (s.op) {
      case 'compute':
      case 'io':
      case 'sleep': {
        const d = s.duration;
        if (!d) break;
        const okMin = intOk(d.min, sc.out);
        const okMax = d.max ? intOk(d.max, sc.out) : true;
        if (okMin && okMax && d.max && d.min.value > d.max.value) {
          sc.out.push(
            diag(
              'invalid-value',
              d,
              `the range ${d.min.value}..${d.max.value} is empty: its start must not exceed its end`,
            ),
          );
        }
        break;
      }
      case 'set_concurrency':
        if (s.count) limitOk(s.count, 'set_concurrency', 0, LIMITS.poolLwps, POOL_LIMIT, sc.out);
        if (sc.model !== 'many_to_many') {
          sc.out.push(
            diag(
              'model-conflict',
              s,
              `'set_concurrency' belongs to the many_to_many model, but process '${sc.process.name?.name}' is ${sc.model}`,
            ),
          );
        }
        break;
      case 'stack_use':
        if (s.size) sizeOk(s.size, sc.out);
        break;
      case 'repeat':
        if (s.count) intOk(s.count, sc.out);
        walk(s.body ?? [], sc);
        break;
      default: {
        const kinds = operandKinds(s.op);
        for (let k = 0; k < s.refs.length; k++) checkRef(s.refs[k], kinds[k], s, sc);
      }
    }
  }
}

function checkRef(ref: RefNode, expected: SymbolKind, s: StmtNode, sc: Scope): void {
  const name = ref.name.name;
  const d = sc.symbols.lookup(sc.process, name);
  const where = sc.process.name ? `process '${sc.process.name.name}'` : 'this process';
  if (!d) {
    const candidates = sc.symbols
      .declarationsOf(sc.process)
      .filter((x) => x.kind === expected)
      .map((x) => x.name);
    const suggestion = closest(name, [...new Set(candidates)]);
    const hint = suggestion ? `; did you mean '${suggestion}'?` : '';
    sc.out.push(
      diag('unknown-name', ref.name, `no ${expected} named '${name}' in ${where}${hint}`, {
        data: suggestion ? { suggestion, kind: expected } : { kind: expected },
      }),
    );
    return;
  }
  if (d.kind !== expected) {
    sc.out.push(
      diag('wrong-kind', ref.name, `'${name}' is ${ARTICLE[d.kind]}, but '${s.op}' needs ${ARTICLE[expected]} here`, {
        related: [{ range: d.ident.range, message: `'${name}' is declared here` }],
      }),
    );
    return;
  }
  const idx = ref.index;
  const length = d.arrayLength;
  if (!idx) {
    const all = d.kind === 'thread' && (s.op === 'spawn' || s.op === 'join');
    if (length !== null && !all) {
      sc.out.push(
        diag(
          'invalid-value',
          ref.name,
          `'${name}' is an array of ${length}: say which element, e.g. ${name}[0] or ${name}[i]`,
        ),
      );
      return;
    }
  } else if (length === null) {
    sc.out.push(diag('invalid-value', idx, `'${name}' is not an array, so it takes no index`));
    return;
  } else if (idx.kind === 'literal') {
    if (!intOk(idx.value, sc.out)) return;
    if (idx.value.value >= length) {
      sc.out.push(
        diag(
          'invalid-value',
          idx,
          `index ${idx.value.value} is past the end of '${name}', whose elements are ${name}[0] to ${name}[${length - 1}]`,
        ),
      );
      return;
    }
  } else {
    if (idx.offsetLit && !intOk(idx.offsetLit, sc.out)) return;
    if (sc.thread.size === null) {
      sc.out.push(
        diag(
          'invalid-value',
          idx.i,
          `'i' is the index of a thread in a thread array, but thread '${sc.thread.name.name}' is not an array`,
        ),
      );
      return;
    }
  }
  if (s.op === 'spawn' && d.kind === 'thread' && !(d.node as ThreadNode).attrs.some((a) => a.name === 'deferred')) {
    sc.out.push(
      diag(
        'spawn-not-deferred',
        ref,
        `thread '${name}' is not deferred: it starts by itself, so this spawn does nothing (add 'deferred' to its declaration)`,
        {
          severity: 'warning',
          related: [{ range: d.ident.range, message: `'${name}' is declared here` }],
        },
      ),
    );
  }
}
