/** Conversions between the core's ranges, the syntax tree's spans and LSP ranges. */
import type { Range } from 'vscode-languageserver';
import type { Span } from '../language/ast';

/** The LSP range of a syntax-tree node. */
export function rangeOf(span: Span): Range {
  return { start: { ...span.range.start }, end: { ...span.range.end } };
}
