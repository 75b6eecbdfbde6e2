/**
 * The editor's view of the language's symbol table: what sits under the cursor, and the
 * scope a new name must be free in. Names are scoped to their process; processes to the file.
 */
import type { Compilation } from '../language';
import type { Declaration, Reference, SymbolTable } from '../language/symbols';

export type { Declaration, Reference, SymbolTable };

/** What sits at an offset: a declaration's name or a reference. */
export type SymbolHit = { role: 'declaration'; decl: Declaration } | { role: 'reference'; ref: Reference };

/** The symbol table of a compilation, when there is one. */
export function symbolsOf(compilation: Compilation | null | undefined): SymbolTable | null {
  return compilation?.symbols ?? null;
}

/** The declaration name or reference at `offset` (touching either end). */
export function hitAt(table: SymbolTable, offset: number): SymbolHit | null {
  const decl = table.declarations.find((d) => offset >= d.ident.start && offset <= d.ident.end);
  if (decl) return { role: 'declaration', decl };
  const ref = table.referenceAt(offset);
  return ref ? { role: 'reference', ref } : null;
}

/** The declaration a hit stands for, when there is one. */
export function declarationOfHit(hit: SymbolHit | null): Declaration | null {
  if (!hit) return null;
  return hit.role === 'declaration' ? hit.decl : hit.ref.declaration;
}

/** Declarations in the same scope as `decl` (its process, or the file for processes). */
export function scopeOf(table: SymbolTable, decl: Declaration): Declaration[] {
  return decl.kind === 'process'
    ? table.declarations.filter((d) => d.kind === 'process')
    : table.declarations.filter((d) => d.process === decl.process);
}

/** The name of the process a declaration belongs to (its own name for a process). */
export function processName(decl: Declaration): string {
  return decl.kind === 'process' ? decl.name : (decl.process?.name?.name ?? '?');
}
