/** Go to definition and find references, over the file's symbol index. */
import type { DefinitionParams, Location, ReferenceParams } from 'vscode-languageserver';
import type { ServerContext } from './context';
import { rangeOf } from './positions';
import { declarationOfHit, hitAt, symbolsOf, type Declaration, type SymbolTable } from './symbol-index';

/** The index and the declaration under the cursor, when there is one. */
export function declarationAt(
  ctx: ServerContext,
  uri: string,
  position: { line: number; character: number },
): { idx: SymbolTable; decl: Declaration } | null {
  const a = ctx.store.analysis(uri);
  const doc = ctx.documents.get(uri);
  const idx = symbolsOf(a?.compilation);
  if (!doc || !idx) return null;
  const decl = declarationOfHit(hitAt(idx, doc.offsetAt(position)));
  return decl ? { idx, decl } : null;
}

/** Registers `textDocument/definition` and `textDocument/references`. */
export function registerNavigation(ctx: ServerContext): void {
  ctx.connection.onDefinition((params: DefinitionParams): Location | null => {
    const found = declarationAt(ctx, params.textDocument.uri, params.position);
    return found ? { uri: params.textDocument.uri, range: rangeOf(found.decl.ident) } : null;
  });
  ctx.connection.onReferences((params: ReferenceParams): Location[] => {
    const found = declarationAt(ctx, params.textDocument.uri, params.position);
    if (!found) return [];
    const uri = params.textDocument.uri;
    const refs = found.idx.referencesTo(found.decl).map((r) => ({ uri, range: rangeOf(r.ident) }));
    return params.context.includeDeclaration ? [{ uri, range: rangeOf(found.decl.ident) }, ...refs] : refs;
  });
}
