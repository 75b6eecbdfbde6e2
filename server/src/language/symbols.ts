/**
 * The symbol table of one file: every declaration (processes, threads, mutexes, condvars,
 * semaphores) and every reference (the operands of statements), each reference resolved to
 * the declaration of that name in its process (or null). Built for the language server: hover,
 * go-to-definition, references, rename and completion ask it by offset or by position.
 *
 * Names are scoped by process. When a name is declared twice in a process, references resolve
 * to the first declaration (the second is a `duplicate-name` error).
 */
import type { DeclNode, FileNode, Ident, ProcessNode, RefNode, StmtNode, ThreadNode } from './ast';
import type { Position, StmtOp } from './model';

export type SymbolKind = 'process' | 'thread' | 'mutex' | 'condvar' | 'semaphore';

export interface Declaration {
  kind: SymbolKind;
  name: string;
  /** The name in the declaration (its range is what rename edits). */
  ident: Ident;
  /** The process it belongs to; null for a process itself. */
  process: ProcessNode | null;
  /** Array length as declared (`fork[5]` → 5), or null for a single object. */
  arrayLength: number | null;
  node: ProcessNode | ThreadNode | DeclNode;
}

export interface Reference {
  /** The identifier as written at the reference. */
  ident: Ident;
  ref: RefNode;
  /** The kind the statement needs here (`lock` → mutex, `wait C M` → condvar then mutex). */
  expected: SymbolKind;
  stmt: StmtNode;
  thread: ThreadNode;
  process: ProcessNode;
  /** The declaration of this name in the process (whatever its kind), or null when undeclared. */
  declaration: Declaration | null;
}

/** The kinds of declared names each referencing statement takes, operand by operand. */
export const EXPECTED_OPERANDS: Partial<Record<StmtOp, Exclude<SymbolKind, 'process'>[]>> = {
  lock: ['mutex'],
  unlock: ['mutex'],
  wait: ['condvar', 'mutex'],
  signal: ['condvar'],
  broadcast: ['condvar'],
  sem_wait: ['semaphore'],
  sem_post: ['semaphore'],
  spawn: ['thread'],
  join: ['thread'],
};

/** The kinds of operands statement `op` takes, in order. */
export function operandKinds(op: StmtOp): SymbolKind[] {
  return EXPECTED_OPERANDS[op] ?? [];
}

function contains(ident: Ident, at: number | Position): boolean {
  if (typeof at === 'number') return at >= ident.start && at <= ident.end;
  const { start, end } = ident.range;
  if (at.line < start.line || at.line > end.line) return false;
  if (at.line === start.line && at.character < start.character) return false;
  return !(at.line === end.line && at.character > end.character);
}

/** A process's own declaration (null without a name) and those of its members, for `SymbolCache`. */
interface ProcessSymbols {
  own: Declaration | null;
  members: Declaration[];
  scope: Map<string, Declaration>;
}

/**
 * Declarations by process node, for `IncrementalCompiler`: they depend on the node alone, and an
 * unchanged block keeps its nodes. References are collected per table, on demand.
 */
export type SymbolCache = WeakMap<ProcessNode, ProcessSymbols>;

export class SymbolTable {
  readonly declarations: Declaration[] = [];
  private refs: Reference[] | null = null;
  private readonly scopes = new Map<ProcessNode, Map<string, Declaration>>();
  private readonly perProcess = new Map<ProcessNode, Declaration[]>();
  private readonly byDeclaration = new Map<Declaration, Reference[]>();

  constructor(
    readonly file: FileNode,
    cache?: SymbolCache,
  ) {
    for (const p of file.processes) {
      let known = cache?.get(p);
      if (!known) {
        known = declareProcess(p);
        cache?.set(p, known);
      }
      if (known.own) this.declarations.push(known.own);
      for (const d of known.members) this.declarations.push(d);
      this.scopes.set(p, known.scope);
      this.perProcess.set(p, known.members);
    }
  }

  /**
   * Every reference, in text order. Collected on first use: the checker needs only the
   * scopes, so a keystroke that asks for nothing else does not pay for them.
   */
  get references(): Reference[] {
    if (this.refs === null) {
      this.refs = [];
      for (const p of this.file.processes) for (const t of p.threads) this.collect(p, t, t.body, this.refs);
    }
    return this.refs;
  }

  /** The declaration of `name` in process `p` (the first one when duplicated). */
  lookup(p: ProcessNode, name: string): Declaration | undefined {
    return this.scopes.get(p)?.get(name);
  }

  /** Every declaration of process `p`, in order (processes themselves excluded). */
  declarationsOf(p: ProcessNode): Declaration[] {
    return this.perProcess.get(p) ?? [];
  }

  /** The declaration whose name is at `at`, or that the reference at `at` resolves to. */
  declarationAt(at: number | Position): Declaration | null {
    const d = this.declarations.find((x) => contains(x.ident, at));
    if (d) return d;
    return this.referenceAt(at)?.declaration ?? null;
  }

  /** The reference whose identifier is at `at`. */
  referenceAt(at: number | Position): Reference | null {
    return this.references.find((r) => contains(r.ident, at)) ?? null;
  }

  /** Every reference resolved to `d`, in text order. */
  referencesTo(d: Declaration): Reference[] {
    return this.references.length === 0 ? [] : (this.byDeclaration.get(d) ?? []);
  }

  /** The process whose span contains `at`. */
  processAt(at: number | Position): ProcessNode | null {
    return (
      this.file.processes.find((p) =>
        typeof at === 'number' ? at >= p.start && at <= p.end : contains({ ...p, name: '' }, at),
      ) ?? null
    );
  }

  private collect(p: ProcessNode, t: ThreadNode, body: StmtNode[], out: Reference[]): void {
    for (const s of body) {
      const kinds = EXPECTED_OPERANDS[s.op];
      if (kinds) {
        for (let k = 0; k < s.refs.length; k++) {
          const ref = s.refs[k];
          const declaration = this.lookup(p, ref.name.name) ?? null;
          const r: Reference = {
            ident: ref.name,
            ref,
            expected: kinds[k],
            stmt: s,
            thread: t,
            process: p,
            declaration,
          };
          out.push(r);
          if (declaration) {
            const list = this.byDeclaration.get(declaration);
            if (list) list.push(r);
            else this.byDeclaration.set(declaration, [r]);
          }
        }
      }
      if (s.body) this.collect(p, t, s.body, out);
    }
  }
}

/** The declarations of one process: its own, then its objects and threads in order. */
function declareProcess(p: ProcessNode): ProcessSymbols {
  const scope = new Map<string, Declaration>();
  const members: Declaration[] = [];
  const own: Declaration | null = p.name
    ? { kind: 'process', name: p.name.name, ident: p.name, process: null, arrayLength: null, node: p }
    : null;
  const add = (d: Declaration): void => {
    members.push(d);
    if (!scope.has(d.name)) scope.set(d.name, d);
  };
  for (const d of p.decls) {
    add({ kind: d.kind, name: d.name.name, ident: d.name, process: p, arrayLength: d.size?.value ?? null, node: d });
  }
  for (const t of p.threads) {
    add({ kind: 'thread', name: t.name.name, ident: t.name, process: p, arrayLength: t.size?.value ?? null, node: t });
  }
  return { own, members, scope };
}
