/**
 * Rename of processes, threads, mutexes, condvars and semaphores (arrays included: the name
 * is renamed, indices stay). The new name must be an identifier, not a keyword, and free in
 * the process (in the file, for a process); otherwise the request fails with a ResponseError.
 */
import {
  ErrorCodes,
  ResponseError,
  type PrepareRenameParams,
  type Range,
  type RenameParams,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { isKeyword } from '../language/keywords';
import type { ServerContext } from './context';
import { declarationAt } from './navigation';
import { rangeOf } from './positions';
import { hitAt, processName, scopeOf, type Declaration, type SymbolTable } from './symbol-index';

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Why `newName` cannot replace `decl`'s name, or null when it can. */
export function renameProblem(idx: SymbolTable, decl: Declaration, newName: unknown): string | null {
  if (typeof newName !== 'string')
    return `the new name must be a string, not ${newName === null ? 'null' : typeof newName}`;
  if (!IDENT.test(newName))
    return `'${newName}' is not an identifier (letters, digits and _, not starting with a digit)`;
  if (isKeyword(newName)) return `'${newName}' is a keyword`;
  if (newName === decl.name) return null;
  const clash = scopeOf(idx, decl).find((d) => d.name === newName);
  if (clash) {
    const where = decl.kind === 'process' ? 'in this file' : `in process ${processName(decl)}`;
    return `'${newName}' is already declared ${where} (${clash.kind} at line ${clash.ident.range.start.line + 1})`;
  }
  return null;
}

/** Registers `textDocument/prepareRename` and `textDocument/rename`. */
export function registerRename(ctx: ServerContext): void {
  ctx.connection.onPrepareRename((params: PrepareRenameParams): { range: Range; placeholder: string } | null => {
    const found = declarationAt(ctx, params.textDocument.uri, params.position);
    if (!found) return null;
    const doc = ctx.documents.get(params.textDocument.uri);
    const offset = doc?.offsetAt(params.position) ?? 0;
    const hit = hitAt(found.idx, offset);
    const ident = hit?.role === 'reference' ? hit.ref.ident : found.decl.ident;
    return { range: rangeOf(ident), placeholder: found.decl.name };
  });
  ctx.connection.onRenameRequest((params: RenameParams): WorkspaceEdit | null => {
    const found = declarationAt(ctx, params.textDocument.uri, params.position);
    if (!found) throw new ResponseError(ErrorCodes.InvalidRequest, 'nothing to rename here');
    const problem = renameProblem(found.idx, found.decl, params.newName);
    if (problem) throw new ResponseError(ErrorCodes.InvalidParams, problem);
    const edits = [found.decl.ident, ...found.idx.referencesTo(found.decl).map((r) => r.ident)].map((i) => ({
      range: rangeOf(i),
      newText: params.newName,
    }));
    return { changes: { [params.textDocument.uri]: edits } };
  });
}
