/**
 * Semantic tokens for names, where the grammar alone cannot tell: processes, threads, mutexes,
 * condvars and semaphores, at their declarations and references, and the index variable `i`.
 * The TextMate grammar colours keywords and literals.
 */
import {
  SemanticTokensBuilder,
  type SemanticTokens,
  type SemanticTokensLegend,
  type SemanticTokensParams,
} from 'vscode-languageserver';
import type { Span } from '../language/ast';
import type { ServerContext } from './context';
import type { SymbolTable } from './symbol-index';

const TYPES = ['namespace', 'function', 'variable', 'event', 'parameter'] as const;
const MODIFIERS = ['declaration'] as const;

/** The legend announced in the server's capabilities. */
export const SEMANTIC_LEGEND: SemanticTokensLegend = { tokenTypes: [...TYPES], tokenModifiers: [...MODIFIERS] };

const TYPE_OF: Record<string, (typeof TYPES)[number]> = {
  process: 'namespace',
  thread: 'function',
  mutex: 'variable',
  semaphore: 'variable',
  condvar: 'event',
};

interface Item {
  span: Span;
  type: number;
  modifiers: number;
}

/** The encoded tokens of a symbol table. */
export function semanticTokens(table: SymbolTable): SemanticTokens {
  const items: Item[] = [];
  const push = (span: Span, type: (typeof TYPES)[number], declaration: boolean): void => {
    if (span.range.start.line !== span.range.end.line || span.end <= span.start) return;
    items.push({ span, type: TYPES.indexOf(type), modifiers: declaration ? 1 : 0 });
  };
  for (const d of table.declarations) push(d.ident, TYPE_OF[d.kind], true);
  for (const r of table.references) {
    const kind = r.declaration?.kind ?? r.expected;
    if (kind) push(r.ident, TYPE_OF[kind], false);
    if (r.ref.index?.kind === 'relative') push(r.ref.index.i, 'parameter', false);
  }
  items.sort((a, b) => a.span.start - b.span.start);
  const builder = new SemanticTokensBuilder();
  for (const it of items) {
    const { line, character } = it.span.range.start;
    builder.push(line, character, it.span.range.end.character - character, it.type, it.modifiers);
  }
  return builder.build();
}

/** Registers `textDocument/semanticTokens/full`. */
export function registerSemanticTokens(ctx: ServerContext): void {
  ctx.connection.languages.semanticTokens.on((params: SemanticTokensParams): SemanticTokens => {
    const symbols = ctx.store.analysis(params.textDocument.uri)?.compilation?.symbols;
    return symbols ? semanticTokens(symbols) : { data: [] };
  });
}
