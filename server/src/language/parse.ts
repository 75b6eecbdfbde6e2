/** Text to AST: lexing and parsing, with the syntax issues and the work counters. */
import type { IToken } from 'chevrotain';
import type { FileNode } from './ast';
import type { Position } from './model';
import { parser, type ParseCounters, type SyntaxIssue } from './parser-drivers';
import { tokenize } from './tokens';

export interface ParseResult {
  ast: FileNode;
  issues: SyntaxIssue[];
  /** The tokens the parser read (comments excluded). */
  tokens: IToken[];
  /** The comments, in order. */
  comments: IToken[];
  counters: ParseCounters;
}

/** Parses a scenario text. Never throws on any input. */
export function parse(text: string): ParseResult {
  const { tokens, comments } = tokenize(text);
  const p = parser();
  const ast = p.run(tokens);
  const end = endOf(text);
  return {
    ast: { ...ast, range: { start: { line: 0, character: 0 }, end }, start: 0, end: text.length },
    issues: p.issues,
    tokens,
    comments,
    counters: p.counters,
  };
}

/** The position just past the last character (LSP line breaks: \n, \r\n, \r). */
export function endOf(text: string): Position {
  let line = 0;
  let lineStart = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || c === 13) {
      if (c === 13 && text.charCodeAt(k + 1) === 10) k++;
      line++;
      lineStart = k + 1;
    }
  }
  return { line, character: text.length - lineStart };
}
