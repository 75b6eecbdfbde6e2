/**
 * The checker: every diagnostic of docs/reference/diagnostics.md's "From the text" table, from the parser's
 * issues, the AST and the symbol table. Ranges are the tightest that say what is wrong; see
 * docs/language.md for the choice made for each code.
 */
import type { DeclNode, FileNode, ProcessNode } from './ast';
import { checkThreadBody } from './check-body';
import { checkProcessSettings, checkScenario, checkThreadAttrs, modelOf, type ScenarioFacts } from './check-settings';
import { checkTotals } from './check-limits';
import { diag, intOk, limitOk } from './check-util';
import type { Diagnostic } from './diagnostic';
import { ARRAY_LIMIT, LIMITS } from './limits';
import type { SyntaxIssue } from './parser-drivers';
import type { Declaration, SymbolTable } from './symbols';

/**
 * Diagnostics by process, for `IncrementalCompiler`: those of a process depend on its node (its
 * names resolve inside it) and on the scenario's `cpus` only, and an unchanged part of the text
 * keeps its nodes. Names shared by two processes are checked across the file, every time.
 */
export type CheckCache = WeakMap<ProcessNode, { cpus: number | null; diagnostics: Diagnostic[] }>;

/** All text diagnostics of a parsed file (unsorted). */
export function check(ast: FileNode, symbols: SymbolTable, issues: SyntaxIssue[], cache?: CheckCache): Diagnostic[] {
  const out: Diagnostic[] = issues.map((i) =>
    diag('syntax', i.span, i.message, i.suggestion ? { data: { suggestion: i.suggestion, kind: 'keyword' } } : {}),
  );
  const facts = checkScenario(ast.scenario, out);
  duplicateNames(
    symbols.declarations.filter((d) => d.kind === 'process'),
    'the file',
    out,
  );
  for (const p of ast.processes) {
    const known = cache?.get(p);
    if (known && known.cpus === facts.cpus) {
      for (const d of known.diagnostics) out.push(d);
      continue;
    }
    const mine: Diagnostic[] = [];
    checkProcess(p, symbols, facts, mine);
    cache?.set(p, { cpus: facts.cpus, diagnostics: mine });
    for (const d of mine) out.push(d);
  }
  checkTotals(ast, out);
  return out;
}

function checkProcess(p: ProcessNode, symbols: SymbolTable, facts: ScenarioFacts, out: Diagnostic[]): void {
  const model = modelOf(p);
  checkProcessSettings(p, model, out);
  for (const d of p.decls) checkDecl(d, out);
  duplicateNames(symbols.declarationsOf(p), p.name ? `process '${p.name.name}'` : 'this process', out);
  for (const t of p.threads) {
    if (t.size) limitOk(t.size, `the length of thread array '${t.name.name}'`, 1, LIMITS.arrayLength, ARRAY_LIMIT, out);
    checkThreadAttrs(t, model, facts, out);
    checkThreadBody(p, t, model, symbols, out);
  }
}

function checkDecl(d: DeclNode, out: Diagnostic[]): void {
  if (d.size)
    limitOk(d.size, `the length of ${d.kind} array '${d.name.name}'`, 1, LIMITS.arrayLength, ARRAY_LIMIT, out);
  if (d.ceiling) intOk(d.ceiling, out);
  if (d.initial) intOk(d.initial, out);
}

const KIND_WORD: Record<Declaration['kind'], string> = {
  process: 'a process',
  thread: 'a thread',
  mutex: 'a mutex',
  condvar: 'a condvar',
  semaphore: 'a semaphore',
};

/** `duplicate-name` on every declaration after the first of the same name. */
function duplicateNames(decls: Declaration[], where: string, out: Diagnostic[]): void {
  const first = new Map<string, Declaration>();
  for (const d of decls) {
    const f = first.get(d.name);
    if (!f) {
      first.set(d.name, d);
      continue;
    }
    out.push(
      diag(
        'duplicate-name',
        d.ident,
        `'${d.name}' is already declared in ${where}, as ${KIND_WORD[f.kind]} (line ${f.ident.range.start.line + 1})`,
        {
          related: [{ range: f.ident.range, message: `first declaration of '${d.name}'` }],
        },
      ),
    );
  }
}
