/** The language front end: parse, check, lower. */
import { compileTree, type Compilation } from './compile-tree';
import { parse } from './parse';

export type { Compilation } from './compile-tree';

/** Parses, checks and lowers a scenario. Never throws on any text. */
export function compile(text: string): Compilation {
  const { ast, issues } = parse(text);
  return compileTree(ast, issues);
}

export type { FileNode } from './ast';
export { compileTree } from './compile-tree';
export { IncrementalCompiler } from './incremental';
export { parse, type ParseResult } from './parse';
export { SymbolTable, type Declaration, type Reference, type SymbolKind } from './symbols';
export { KEYWORDS, keywordInfo, isKeyword, type KeywordInfo, type KeywordRole } from './keywords';
