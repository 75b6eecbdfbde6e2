/** The front end after parsing: symbols, checks and lowering of a syntax tree. */
import type { FileNode } from './ast';
import { check, type CheckCache } from './checker';
import { compareDiagnostics, type Diagnostic } from './diagnostic';
import { lower, type LoweringCache } from './lower';
import type { Model } from './model';
import type { SyntaxIssue } from './parser-drivers';
import { SymbolTable, type SymbolCache } from './symbols';

export interface Compilation {
  /** Syntax and checker diagnostics, sorted. */
  diagnostics: Diagnostic[];
  /** The lowered model, or null when any error-severity diagnostic exists. */
  model: Model | null;
  /** The syntax tree (partial where the text has syntax errors). */
  ast: FileNode;
  /** Declarations and references of the file, resolved. */
  symbols: SymbolTable;
}

/** What `IncrementalCompiler` keeps per process node between versions. */
export interface ProcessCaches {
  symbols: SymbolCache;
  checked: CheckCache;
  lowered: LoweringCache;
}

/** Checks and lowers a parsed file with its syntax issues (reusing per-process results from `caches`). */
export function compileTree(ast: FileNode, issues: SyntaxIssue[], caches?: ProcessCaches): Compilation {
  const symbols = new SymbolTable(ast, caches?.symbols);
  const diagnostics = check(ast, symbols, issues, caches?.checked).sort(compareDiagnostics);
  const model = diagnostics.some((d) => d.severity === 'error') ? null : lower(ast, caches?.lowered);
  return { diagnostics, model, ast, symbols };
}
