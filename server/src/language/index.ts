/** The language front end: parse, check, lower. */
import type { FileNode } from './ast';
import { check } from './checker';
import { compareDiagnostics, type Diagnostic } from './diagnostic';
import { lower } from './lower';
import type { Model } from './model';
import { parse } from './parse';
import { SymbolTable } from './symbols';

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

/** Parses, checks and lowers a scenario. Never throws on any text. */
export function compile(text: string): Compilation {
  const { ast, issues } = parse(text);
  const symbols = new SymbolTable(ast);
  const diagnostics = check(ast, symbols, issues).sort(compareDiagnostics);
  const model = diagnostics.some((d) => d.severity === 'error') ? null : lower(ast);
  return { diagnostics, model, ast, symbols };
}

export type { FileNode } from './ast';
export { parse, type ParseResult } from './parse';
export { SymbolTable, type Declaration, type Reference, type SymbolKind } from './symbols';
export { KEYWORDS, keywordInfo, isKeyword, type KeywordInfo, type KeywordRole } from './keywords';
