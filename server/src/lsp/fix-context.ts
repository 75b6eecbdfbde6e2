/** What a quick fix gets to work with, and small helpers to build text edits. */
import {
  CodeActionKind,
  type CodeAction,
  type Diagnostic as LspDiagnostic,
  type Position,
  type TextEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileNode, ProcessNode, ThreadNode } from '../language/ast';
import type { Model } from '../language/model';
import type { SymbolTable } from './symbol-index';

export interface FixContext {
  uri: string;
  doc: TextDocument;
  ast: FileNode;
  idx: SymbolTable;
  /** The lowered model, when the text has no error. */
  model: Model | null;
}

/** A fixer turns one diagnostic into zero or more code actions. */
export type Fixer = (d: LspDiagnostic, fc: FixContext) => CodeAction[];

/** The end of a thread's name (past `]` for an array): where attributes go. */
export function afterThreadName(fc: FixContext, t: ThreadNode): number {
  if (!t.size) return t.name.end;
  const close = fc.doc.getText().indexOf(']', t.size.end);
  return close < 0 || close > t.end ? t.size.end : close + 1;
}

/** A quick fix made of edits to the one document. */
export function quickFix(
  title: string,
  fc: FixContext,
  d: LspDiagnostic,
  edits: TextEdit[],
  preferred = false,
): CodeAction {
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    isPreferred: preferred || undefined,
    edit: { changes: { [fc.uri]: edits } },
  };
}

/** An insertion at `offset`. */
export function insertAt(fc: FixContext, offset: number, text: string): TextEdit {
  const p = fc.doc.positionAt(offset);
  return { range: { start: p, end: p }, newText: text };
}

/** A replacement of [start, end). */
export function replace(fc: FixContext, start: number, end: number, text: string): TextEdit {
  return { range: { start: fc.doc.positionAt(start), end: fc.doc.positionAt(end) }, newText: text };
}

/** The leading whitespace of a line. */
export function indentOf(fc: FixContext, line: number): string {
  const text = fc.doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  return /^[ \t]*/.exec(text)?.[0] ?? '';
}

/** The process whose block contains `offset`. */
export function processAt(fc: FixContext, offset: number): ProcessNode | undefined {
  return fc.ast.processes.find((p) => p.start <= offset && offset <= p.end);
}

/** The thread whose declaration (header or body) contains `offset`. */
export function threadAt(fc: FixContext, offset: number): ThreadNode | undefined {
  return processAt(fc, offset)?.threads.find((t) => t.start <= offset && offset <= t.end);
}

/** The offset of an LSP position. */
export function offsetOf(fc: FixContext, p: Position): number {
  return fc.doc.offsetAt(p);
}
